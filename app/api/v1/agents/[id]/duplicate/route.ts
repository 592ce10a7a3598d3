// POST /api/v1/agents/:id/duplicate — copy an agent's settings into a new, disabled agent (admins)
import { duplicateAgent } from "@/lib/agents/service";
import { toAgentJson } from "@/lib/agents/serialize";
import { withTenant } from "@/lib/tenant/api-guard";

export const runtime = "nodejs";

export const POST = withTenant<{ id: string }>(
  async (_req, { session, params }) => {
    return Response.json({ data: toAgentJson(await duplicateAgent(session, params.id)) }, { status: 201 });
  },
  { role: "ADMIN" },
);
