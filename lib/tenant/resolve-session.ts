// Turns session claims into a TenantScope by asking the database, on every request, whether the
// user still exists, still belongs to the tenant (and with which role) and the tenant is active.
import type { Db } from "../db/client";
import { AppError } from "../errors";
import type { SessionClaims } from "../auth/session-token";
import type { TenantScope } from "./scope";

export type SessionContext = TenantScope & {
  user: { id: string; name: string; email: string; isSuperAdmin: boolean };
  tenant: { id: string; name: string; plan: string; status: string };
};

export async function resolveSession(db: Db, claims: SessionClaims | null): Promise<SessionContext> {
  if (!claims?.tenantId) throw new AppError("UNAUTHENTICATED", "Sign in to continue");
  const membership = await db.membership.findUnique({
    where: { tenantId_userId: { tenantId: claims.tenantId, userId: claims.userId } },
    include: {
      user: { select: { id: true, name: true, email: true, isSuperAdmin: true, disabledAt: true } },
      tenant: { select: { id: true, name: true, plan: true, status: true } },
    },
  });
  if (!membership || membership.user.disabledAt) throw new AppError("UNAUTHENTICATED", "Sign in to continue");
  if (membership.tenant.status !== "ACTIVE") throw new AppError("TENANT_SUSPENDED", "This workspace is suspended");
  const { disabledAt: _disabled, ...user } = membership.user;
  return {
    tenantId: membership.tenantId,
    role: membership.role,
    actor: { userId: user.id },
    user,
    tenant: membership.tenant,
  };
}
