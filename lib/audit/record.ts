// Audit trail of who changed what. Written in the same transaction as the change it describes.
// The actor is the user, the API key, or, for the voice server and worker, the system with its reason
// (kept in metadata.systemActor until the table has a column for it). Where from (IP, user agent) is
// the current request's (lib/http/request-origin.ts); a process acting on its own has none.
import type { Prisma } from "../db/generated/client";
import { requestOrigin } from "../http/request-origin";
import type { TenantScope } from "../tenant/scope";
import type { ScopedTx } from "../tenant/scoped-db";

function withSystemActor(scope: TenantScope, metadata: Prisma.InputJsonValue | undefined): Prisma.InputJsonValue | undefined {
  const system = scope.actor.system;
  if (!system) return metadata;
  if (metadata === undefined) return { systemActor: system };
  if (typeof metadata === "object" && metadata !== null && !Array.isArray(metadata)) return { ...metadata, systemActor: system };
  return { value: metadata, systemActor: system };
}

export async function recordAudit(
  tx: ScopedTx,
  scope: TenantScope,
  action: string,
  target: { type: string; id: string },
  metadata?: Prisma.InputJsonValue,
): Promise<void> {
  await tx.auditLog.create({
    data: {
      // tenantId: filled in by the scoped transaction, the one the change itself is written through.
      actorUserId: scope.actor.userId ?? null,
      actorApiKeyId: scope.actor.apiKeyId ?? null,
      action,
      targetType: target.type,
      targetId: target.id,
      metadata: withSystemActor(scope, metadata),
      ...requestOrigin(),
    },
  });
}
