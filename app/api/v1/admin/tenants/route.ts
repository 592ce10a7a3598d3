// GET /api/v1/admin/tenants — (super admin) every workspace with its usage this month; search, sort, pages
import { listTenants, toTenantRowJson } from "@/lib/admin/tenants-list";
import { tenantListQuerySchema } from "@/lib/admin/tenants-query";
import { platformDb } from "@/lib/tenant/platform-db";
import { readQuery } from "@/lib/http/read-query";
import { withSuperAdmin } from "@/lib/tenant/api-guard";
import { route } from "@/lib/http/route";

export const runtime = "nodejs";

const list = withSuperAdmin(async (req) => {
  const page = await listTenants(platformDb("super-admin"), readQuery(req, tenantListQuerySchema));
  return Response.json({ data: page.tenants.map(toTenantRowJson), next_cursor: page.nextCursor });
});

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = route({ GET: list });
