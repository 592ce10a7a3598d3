// GET /api/v1/me — the signed-in user, their active workspace (with its country and plan limits) and role
import { withTenant } from "@/lib/tenant/api-guard";
import { getWorkspaceLimits } from "@/lib/tenant/workspace-limits";
import { route } from "@/lib/http/route";

export const runtime = "nodejs";

const read = withTenant(async (_req, { session }) => {
  const { country, maxAgents, maxPhoneNumbers } = await getWorkspaceLimits(session);
  return Response.json({
    data: { user: session.user, tenant: { ...session.tenant, country }, limits: { maxAgents, maxPhoneNumbers }, role: session.role },
  });
});

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = route({ GET: read });
