// GET /api/v1/agents/:id — one agent; PATCH — change some settings (admins); DELETE — remove (admins)
import { deleteAgent, getAgentOrThrow, updateAgent } from "@/lib/agents/service";
import { agentUpdateSchema } from "@/lib/agents/schemas";
import { toAgentJson } from "@/lib/agents/serialize";
import { readJson } from "@/lib/http/read-json";
import { withTenant } from "@/lib/tenant/api-guard";

export const runtime = "nodejs";

type Params = { id: string };

export const GET = withTenant<Params>(async (_req, { session, params }) => {
  return Response.json({ data: toAgentJson(await getAgentOrThrow(session.tenantId, params.id)) });
});

export const PATCH = withTenant<Params>(
  async (req, { session, params }) => {
    const patch = await readJson(req, agentUpdateSchema);
    return Response.json({ data: toAgentJson(await updateAgent(session, params.id, patch)) });
  },
  { role: "ADMIN" },
);

export const DELETE = withTenant<Params>(
  async (_req, { session, params }) => {
    await deleteAgent(session, params.id);
    return new Response(null, { status: 204 });
  },
  { role: "ADMIN" },
);
