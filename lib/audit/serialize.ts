// The public JSON shape of an audit entry: who (person or API key, or the system and why), what
// (action, target, details), when, and from where (IP, user agent).
import type { Prisma } from "../db/generated/client";

export const AUDIT_ENTRY_SELECT = {
  id: true,
  tenantId: true,
  action: true,
  targetType: true,
  targetId: true,
  metadata: true,
  ip: true,
  userAgent: true,
  createdAt: true,
  actorApiKeyId: true,
  actor: { select: { id: true, name: true, email: true } },
  tenant: { select: { id: true, name: true } },
} satisfies Prisma.AuditLogSelect;

export type AuditEntryRow = Prisma.AuditLogGetPayload<{ select: typeof AUDIT_ENTRY_SELECT }>;

export function toAuditEntryJson(e: AuditEntryRow) {
  const meta = e.metadata && typeof e.metadata === "object" && !Array.isArray(e.metadata) ? (e.metadata as Record<string, unknown>) : null;
  const system = typeof meta?.systemActor === "string" ? meta.systemActor : null;
  return {
    id: e.id,
    tenant: e.tenant ? { id: e.tenant.id, name: e.tenant.name } : null,
    actor: e.actor
      ? { type: "user" as const, id: e.actor.id, name: e.actor.name, email: e.actor.email }
      : e.actorApiKeyId
        ? { type: "api_key" as const, id: e.actorApiKeyId, name: null, email: null }
        : { type: "system" as const, id: null, name: system, email: null },
    action: e.action,
    target: e.targetType ? { type: e.targetType, id: e.targetId } : null,
    metadata: e.metadata,
    ip: e.ip,
    userAgent: e.userAgent,
    createdAt: e.createdAt.toISOString(),
  };
}

export type AuditEntryJson = ReturnType<typeof toAuditEntryJson>;
