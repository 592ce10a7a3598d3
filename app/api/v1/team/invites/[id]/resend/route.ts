// POST /api/v1/team/invites/:id/resend — a new link valid for 7 more days; the old one stops working (admins)
import { resendInvite, toInviteJson } from "@/lib/team/invites";
import { idParams, type IdParams } from "@/lib/http/params";
import { withTenantSession } from "@/lib/tenant/api-guard";
import { route } from "@/lib/http/route";

export const runtime = "nodejs";

const resend = withTenantSession<IdParams>(
  async (_req, { session, params }) => {
    const { invite, delivery } = await resendInvite(session, params.id);
    return Response.json({ data: { ...toInviteJson(invite), delivery } });
  },
  { role: "ADMIN" },
);

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = route({ POST: resend }, { params: idParams });
