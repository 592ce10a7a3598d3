// GET /api/v1/me/tenant — the workspaces you belong to (the session's marked current);
// POST — switch this session to another of them ({ tenantId }; not yours → 404), remembered for next sign-in
import { readJson } from "@/lib/http/read-json";
import { switchTenantSchema } from "@/lib/team/schemas";
import { withUser } from "@/lib/tenant/api-guard";
import { platformDb } from "@/lib/tenant/platform-db";
import { listWorkspaces, switchWorkspace } from "@/lib/tenant/workspaces";
import { route } from "@/lib/http/route";

export const runtime = "nodejs";

const list = withUser(async (_req, { session }) => {
  const workspaces = await listWorkspaces(platformDb("session"), session.user.id, session.membership?.tenant.id ?? null);
  return Response.json({ data: workspaces });
});

const change = withUser(async (req, { session }) => {
  const { tenantId } = await readJson(req, switchTenantSchema);
  const workspace = await switchWorkspace(platformDb("session"), { userId: session.user.id, sessionId: session.sessionId }, tenantId);
  return Response.json({ data: workspace });
});

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = route({ GET: list, POST: change });
