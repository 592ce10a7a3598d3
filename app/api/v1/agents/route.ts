// GET /api/v1/agents — list the tenant's agents; POST — create one (admins)
import { createAgent, listAgents } from "@/lib/agents/service";
import { agentCreateSchema } from "@/lib/agents/schemas";
import { toAgentJson } from "@/lib/agents/serialize";
import { readJson } from "@/lib/http/read-json";
import { withTenant } from "@/lib/tenant/api-guard";
import { route } from "@/lib/http/route";

export const runtime = "nodejs";

const list = withTenant(async (_req, { session }) => {
  const agents = await listAgents(session);
  return Response.json({ data: agents.map(toAgentJson) });
});

const create = withTenant(
  async (req, { session }) => {
    const input = await readJson(req, agentCreateSchema);
    const agent = await createAgent(session, input);
    return Response.json({ data: toAgentJson(agent) }, { status: 201 });
  },
  { role: "ADMIN" },
);

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = route({ GET: list, POST: create });
