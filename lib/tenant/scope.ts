// What domain code receives from a guard: the tenant every query is scoped by, and who is acting.
// The tenant id always comes from the session or API key, never from the request. Processes that act
// on their own (voice server, worker) build one with systemScope(), naming the tenant and why.
import type { Role } from "../db/generated/enums";

/** Why a process acts for a tenant without a person behind it; recorded in audit entries. */
export type SystemReason = "voice-call" | "live-view" | `worker:${string}`;

export type TenantScope = {
  tenantId: string;
  role: Role;
  actor: { userId?: string; apiKeyId?: string; system?: SystemReason };
};

export function isAdmin(scope: Pick<TenantScope, "role">): boolean {
  return scope.role === "ADMIN";
}

/** The scope of a signed-in user as a page knows them (PageContext), for calling domain services. */
export function userScope(ctx: { tenantId: string; role: Role; userId: string }): TenantScope {
  return { tenantId: ctx.tenantId, role: ctx.role, actor: { userId: ctx.userId } };
}
