// DELETE /api/v1/team/invites/:id — revoke a pending invite: its link stops working (admins)
import { revokeInvite } from "@/lib/team/invites";
import { idParams, type IdParams } from "@/lib/http/params";
import { withTenantSession } from "@/lib/tenant/api-guard";
import { route } from "@/lib/http/route";

export const runtime = "nodejs";

const revoke = withTenantSession<IdParams>(
  async (_req, { session, params }) => {
    await revokeInvite(session, params.id);
    return new Response(null, { status: 204 });
  },
  { role: "ADMIN" },
);

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = route({ DELETE: revoke }, { params: idParams });
