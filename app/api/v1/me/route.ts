// GET /api/v1/me — the signed-in user, their active workspace and role
import { withTenant } from "@/lib/tenant/api-guard";

export const runtime = "nodejs";

export const GET = withTenant(async (_req, { session }) => {
  return Response.json({ data: { user: session.user, tenant: session.tenant, role: session.role } });
});
