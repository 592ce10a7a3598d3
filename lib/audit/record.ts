// Audit trail of who changed what. Written in the same transaction as the change it describes.
// The actor is the user, the API key, or, for the voice server and worker, the system with its reason
// (kept in metadata.systemActor until the table has a column for it).
import type { Prisma } from "../db/generated/client";
import type { TenantScope } from "../tenant/scope";

type AuditData = {
  tenantId: string;
  actorUserId: string | null;
  actorApiKeyId: string | null;
  action: string;
  targetType: string;
  targetId: string;
  metadata?: Prisma.InputJsonValue;
};

/** Any client with auditLog.create: a scoped transaction, or a plain one for platform actions. */
type AuditWriter = { auditLog: { create(args: { data: AuditData }): PromiseLike<unknown> } };

function withSystemActor(scope: TenantScope, metadata: Prisma.InputJsonValue | undefined): Prisma.InputJsonValue | undefined {
  const system = scope.actor.system;
  if (!system) return metadata;
  if (metadata === undefined) return { systemActor: system };
  if (typeof metadata === "object" && metadata !== null && !Array.isArray(metadata)) return { ...metadata, systemActor: system };
  return { value: metadata, systemActor: system };
}

export async function recordAudit(
  tx: AuditWriter,
  scope: TenantScope,
  action: string,
  target: { type: string; id: string },
  metadata?: Prisma.InputJsonValue,
): Promise<void> {
  await tx.auditLog.create({
    data: {
      // Explicit even through a scoped client (which checks it): the row must name its tenant
      // whichever client writes it.
      tenantId: scope.tenantId,
      actorUserId: scope.actor.userId ?? null,
      actorApiKeyId: scope.actor.apiKeyId ?? null,
      action,
      targetType: target.type,
      targetId: target.id,
      metadata: withSystemActor(scope, metadata),
    },
  });
}
