// GET /api/v1/agents — list the tenant's agents; POST — create one (admins)
import { createAgent, listAgents } from "@/lib/agents/service";
import { agentCreateSchema } from "@/lib/agents/schemas";
import { toAgentJson } from "@/lib/agents/serialize";
import { readJson } from "@/lib/http/read-json";
import { withTenant } from "@/lib/tenant/api-guard";

export const runtime = "nodejs";

export const GET = withTenant(async (_req, { session }) => {
  const agents = await listAgents(session.tenantId);
  return Response.json({ data: agents.map(toAgentJson) });
});

export const POST = withTenant(
  async (req, { session }) => {
    const input = await readJson(req, agentCreateSchema);
    const agent = await createAgent(session, input);
    return Response.json({ data: toAgentJson(agent) }, { status: 201 });
  },
  { role: "ADMIN" },
);
