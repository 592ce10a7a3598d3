// PATCH /api/v1/team/members/:id — change a member's role (admins); DELETE — remove them (admins)
import { changeMemberRole, removeMember, toMemberJson } from "@/lib/team/members";
import { memberUpdateSchema } from "@/lib/team/schemas";
import { readJson } from "@/lib/http/read-json";
import { idParams, type IdParams } from "@/lib/http/params";
import { withTenantSession } from "@/lib/tenant/api-guard";
import { route } from "@/lib/http/route";

export const runtime = "nodejs";

const update = withTenantSession<IdParams>(
  async (req, { session, params }) => {
    const { role } = await readJson(req, memberUpdateSchema);
    return Response.json({ data: toMemberJson(await changeMemberRole(session, params.id, role), session.user.id) });
  },
  { role: "ADMIN" },
);

const remove = withTenantSession<IdParams>(
  async (_req, { session, params }) => {
    await removeMember(session, params.id);
    return new Response(null, { status: 204 });
  },
  { role: "ADMIN" },
);

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = route({ PATCH: update, DELETE: remove }, { params: idParams });
