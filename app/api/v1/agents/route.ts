// GET /api/v1/agents — the tenant's agents, newest first, a page at a time (?limit, ?cursor); POST — create one (admins)
import { createAgent, listAgentsPage } from "@/lib/agents/service";
import { agentCreateSchema } from "@/lib/agents/schemas";
import { toAgentJson } from "@/lib/agents/serialize";
import { pageQuerySchema } from "@/lib/http/page";
import { readJson } from "@/lib/http/read-json";
import { readQuery } from "@/lib/http/read-query";
import { withTenant } from "@/lib/tenant/api-guard";
import { route } from "@/lib/http/route";

export const runtime = "nodejs";

const list = withTenant(async (req, { session }) => {
  const page = await listAgentsPage(session, readQuery(req, pageQuerySchema));
  return Response.json({ data: page.rows.map(toAgentJson), next_cursor: page.nextCursor });
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
