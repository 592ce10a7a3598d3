// GET /api/v1/team/members — the workspace's members (name, email, role, joined), newest first, a page at a time
import { pageQuerySchema } from "@/lib/http/page";
import { readQuery } from "@/lib/http/read-query";
import { listMembers, toMemberJson } from "@/lib/team/members";
import { withTenantSession } from "@/lib/tenant/api-guard";
import { route } from "@/lib/http/route";

export const runtime = "nodejs";

// Session only: the team is people managing people; an API key has no business changing it.
const list = withTenantSession(async (req, { session }) => {
  const page = await listMembers(session, readQuery(req, pageQuerySchema));
  return Response.json({ data: page.rows.map((m) => toMemberJson(m, session.user.id)), next_cursor: page.nextCursor });
});

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = route({ GET: list });
