// GET /api/v1/admin/audit — (super admin) the whole platform's audit log, newest first; filters, pages
import { listPlatformAudit } from "@/lib/admin/audit-list";
import { platformAuditListQuerySchema } from "@/lib/audit/list-query";
import { toAuditEntryJson } from "@/lib/audit/serialize";
import { platformDb } from "@/lib/tenant/platform-db";
import { readQuery } from "@/lib/http/read-query";
import { withSuperAdmin } from "@/lib/tenant/api-guard";
import { route } from "@/lib/http/route";

export const runtime = "nodejs";

const list = withSuperAdmin(async (req) => {
  const page = await listPlatformAudit(platformDb("super-admin"), readQuery(req, platformAuditListQuerySchema));
  return Response.json({ data: page.entries.map(toAuditEntryJson), next_cursor: page.nextCursor });
});

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = route({ GET: list });
