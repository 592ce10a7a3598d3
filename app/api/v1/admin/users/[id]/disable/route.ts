// POST /api/v1/admin/users/:id/disable — (super admin) disable a person and end their sessions
import { disableUser, disableUserSchema } from "@/lib/admin/user-status";
import { platformDb } from "@/lib/tenant/platform-db";
import { readJson } from "@/lib/http/read-json";
import { withSuperAdmin } from "@/lib/tenant/api-guard";
import { route } from "@/lib/http/route";
import { idParams, type IdParams } from "@/lib/http/params";

export const runtime = "nodejs";

const disable = withSuperAdmin<IdParams>(async (req, { session, params }) => {
  const { reason } = await readJson(req, disableUserSchema);
  await disableUser(platformDb("super-admin"), { userId: session.user.id }, params.id, reason);
  return new Response(null, { status: 204 });
});

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = route({ POST: disable }, { params: idParams });
