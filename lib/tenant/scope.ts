// What domain code receives from a guard: the tenant every query is scoped by, and who is acting.
// The tenant id always comes from the session or API key, never from the request.
import type { Role } from "../db/generated/enums";

export type TenantScope = {
  tenantId: string;
  role: Role;
  actor: { userId?: string; apiKeyId?: string };
};

export function isAdmin(scope: Pick<TenantScope, "role">): boolean {
  return scope.role === "ADMIN";
}
