// GET /api/v1/team/members — the workspace's members (name, email, role, joined)
import { listMembers, toMemberJson } from "@/lib/team/members";
import { withTenantSession } from "@/lib/tenant/api-guard";
import { route } from "@/lib/http/route";

export const runtime = "nodejs";

// Session only: the team is people managing people; an API key has no business changing it.
const list = withTenantSession(async (_req, { session }) => {
  const members = await listMembers(session);
  return Response.json({ data: members.map((m) => toMemberJson(m, session.user.id)) });
});

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = route({ GET: list });
