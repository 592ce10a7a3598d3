// The platform's audit log for super admins: every workspace's entries and the platform's own
// (tenantId null: a person disabled, a call to an unknown number), optionally narrowed to one workspace.
import "server-only";
import type { Db } from "../db/client";
import { AUDIT_ORDER, auditPage, auditWhere, type AuditListQuery } from "../audit/list-query";
import { AUDIT_ENTRY_SELECT } from "../audit/serialize";

export async function listPlatformAudit(db: Db, query: AuditListQuery & { tenant?: string }) {
  const where = auditWhere(query);
  const scoped = query.tenant ? { AND: [where, { tenantId: query.tenant }] } : where;
  const rows = await db.auditLog.findMany({ where: scoped, orderBy: AUDIT_ORDER, take: query.limit + 1, select: AUDIT_ENTRY_SELECT });
  return auditPage(rows, query.limit);
}
