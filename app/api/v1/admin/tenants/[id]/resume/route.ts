// POST /api/v1/admin/tenants/:id/resume — (super admin) reopen a suspended workspace
import { resumeTenant } from "@/lib/admin/tenant-status";
import { platformDb } from "@/lib/tenant/platform-db";
import { withSuperAdmin } from "@/lib/tenant/api-guard";
import { route } from "@/lib/http/route";
import { idParams, type IdParams } from "@/lib/http/params";

export const runtime = "nodejs";

const resume = withSuperAdmin<IdParams>(async (_req, { session, params }) => {
  await resumeTenant(platformDb("super-admin"), { userId: session.user.id }, params.id);
  return new Response(null, { status: 204 });
});

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = route({ POST: resume }, { params: idParams });
