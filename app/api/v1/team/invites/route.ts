// GET /api/v1/team/invites — pending invites (admins); POST — invite someone by email (admins)
import { createInvite, listPendingInvites, toInviteJson } from "@/lib/team/invites";
import { inviteCreateSchema } from "@/lib/team/schemas";
import { pageQuerySchema } from "@/lib/http/page";
import { readJson } from "@/lib/http/read-json";
import { readQuery } from "@/lib/http/read-query";
import { withTenantSession } from "@/lib/tenant/api-guard";
import { route } from "@/lib/http/route";

export const runtime = "nodejs";

const list = withTenantSession(
  async (req, { session }) => {
    const page = await listPendingInvites(session, readQuery(req, pageQuerySchema));
    return Response.json({ data: page.rows.map((i) => toInviteJson(i)), next_cursor: page.nextCursor });
  },
  { role: "ADMIN" },
);

// `delivery` says whether it was mailed or, without SMTP_URL, carries the link for the admin to pass on.
const create = withTenantSession(
  async (req, { session }) => {
    const { invite, delivery } = await createInvite(session, await readJson(req, inviteCreateSchema));
    return Response.json({ data: { ...toInviteJson(invite), delivery } }, { status: 201 });
  },
  { role: "ADMIN" },
);

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = route({ GET: list, POST: create });
