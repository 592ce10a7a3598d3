// GET /api/v1/me — the signed-in user, their active workspace (with its country and plan limits) and role
import { withTenant } from "@/lib/tenant/api-guard";
import { route } from "@/lib/http/route";

export const runtime = "nodejs";

const read = withTenant(async (_req, { session }) => {
  const { maxAgents, maxPhoneNumbers, ...tenant } = session.tenant;
  return Response.json({ data: { user: session.user, tenant, limits: { maxAgents, maxPhoneNumbers }, role: session.role } });
});

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = route({ GET: read });
