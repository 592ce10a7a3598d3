// Audit trail of who changed what. Written in the same transaction as the change it describes.
import type { Prisma } from "../db/generated/client";
import type { TenantScope } from "../tenant/scope";

type Tx = Pick<Prisma.TransactionClient, "auditLog">;

export async function recordAudit(
  tx: Tx,
  scope: TenantScope,
  action: string,
  target: { type: string; id: string },
  metadata?: Prisma.InputJsonValue,
): Promise<void> {
  await tx.auditLog.create({
    data: {
      tenantId: scope.tenantId,
      actorUserId: scope.actor.userId ?? null,
      actorApiKeyId: scope.actor.apiKeyId ?? null,
      action,
      targetType: target.type,
      targetId: target.id,
      metadata,
    },
  });
}
