// A workspace's own audit log, for its admins (Settings → Audit log, GET /api/v1/audit): read through
// the scoped client, so no filter can reach another workspace's entries.
import { AppError } from "../errors";
import { scopedDb } from "../tenant/scoped-db";
import { isAdmin, type TenantScope } from "../tenant/scope";
import { AUDIT_ORDER, auditPage, auditWhere, type AuditListQuery } from "./list-query";
import { AUDIT_ENTRY_SELECT } from "./serialize";

export async function listAuditEntries(scope: TenantScope, query: AuditListQuery) {
  if (!isAdmin(scope)) throw new AppError("FORBIDDEN", "Only workspace admins can read the audit log");
  const rows = await scopedDb(scope).auditLog.findMany({ where: auditWhere(query), orderBy: AUDIT_ORDER, take: query.limit + 1, select: AUDIT_ENTRY_SELECT });
  return auditPage(rows, query.limit);
}
