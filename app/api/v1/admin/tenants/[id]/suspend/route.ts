// POST /api/v1/admin/tenants/:id/suspend — (super admin) suspend a workspace and end its sessions
import { suspendSchema, suspendTenant } from "@/lib/admin/tenant-status";
import { platformDb } from "@/lib/tenant/platform-db";
import { readJson } from "@/lib/http/read-json";
import { withSuperAdmin } from "@/lib/tenant/api-guard";
import { route } from "@/lib/http/route";
import { idParams, type IdParams } from "@/lib/http/params";

export const runtime = "nodejs";

const suspend = withSuperAdmin<IdParams>(async (req, { session, params }) => {
  const { reason } = await readJson(req, suspendSchema);
  await suspendTenant(platformDb("super-admin"), { userId: session.user.id }, params.id, reason);
  return new Response(null, { status: 204 });
});

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = route({ POST: suspend }, { params: idParams });
