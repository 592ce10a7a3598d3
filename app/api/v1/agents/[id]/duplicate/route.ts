// POST /api/v1/agents/:id/duplicate — copy an agent's settings into a new, disabled agent (admins)
import { duplicateAgent } from "@/lib/agents/service";
import { toAgentJson } from "@/lib/agents/serialize";
import { withTenant } from "@/lib/tenant/api-guard";
import { route } from "@/lib/http/route";
import { idParams, type IdParams } from "@/lib/http/params";

export const runtime = "nodejs";

const duplicate = withTenant<IdParams>(
  async (_req, { session, params }) => {
    return Response.json({ data: toAgentJson(await duplicateAgent(session, params.id)) }, { status: 201 });
  },
  { role: "ADMIN" },
);

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = route({ POST: duplicate }, { params: idParams });
