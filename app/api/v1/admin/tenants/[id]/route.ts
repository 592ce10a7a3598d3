// GET /api/v1/admin/tenants/:id — (super admin) a workspace's details, members, usage and audit entries
// PATCH /api/v1/admin/tenants/:id — (super admin) change its plan ({ plan }) and/or limits ({ limits })
import { getTenantDetail } from "@/lib/admin/tenant-detail";
import { changeTenantPlan, tenantPlanSchema } from "@/lib/admin/tenant-plan";
import { platformDb } from "@/lib/tenant/platform-db";
import { readJson } from "@/lib/http/read-json";
import { withSuperAdmin } from "@/lib/tenant/api-guard";
import { route } from "@/lib/http/route";
import { idParams, type IdParams } from "@/lib/http/params";

export const runtime = "nodejs";

const show = withSuperAdmin<IdParams>(async (_req, { params }) => {
  return Response.json({ data: await getTenantDetail(platformDb("super-admin"), params.id) });
});

const update = withSuperAdmin<IdParams>(async (req, { session, params }) => {
  const change = await readJson(req, tenantPlanSchema);
  const db = platformDb("super-admin");
  await changeTenantPlan(db, { userId: session.user.id }, params.id, change);
  return Response.json({ data: await getTenantDetail(db, params.id) });
});

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = route({ GET: show, PATCH: update }, { params: idParams });
