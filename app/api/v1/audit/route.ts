// GET /api/v1/audit — (workspace admins) the workspace's own audit log, newest first; filters, pages
import { listAuditEntries } from "@/lib/audit/service";
import { auditListQuerySchema } from "@/lib/audit/list-query";
import { toAuditEntryJson } from "@/lib/audit/serialize";
import { readQuery } from "@/lib/http/read-query";
import { withTenant } from "@/lib/tenant/api-guard";
import { route } from "@/lib/http/route";

export const runtime = "nodejs";

const list = withTenant(
  async (req, { session }) => {
    const page = await listAuditEntries(session, readQuery(req, auditListQuerySchema));
    return Response.json({ data: page.entries.map(toAuditEntryJson), next_cursor: page.nextCursor });
  },
  { role: "ADMIN" },
);

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = route({ GET: list });
