// GET /api/v1/agents/:id — one agent; PATCH — change some settings (admins); DELETE — remove (admins)
import { deleteAgent, getAgentOrThrow, updateAgent } from "@/lib/agents/service";
import { agentUpdateSchema } from "@/lib/agents/schemas";
import { toAgentJson } from "@/lib/agents/serialize";
import { readJson } from "@/lib/http/read-json";
import { withTenant } from "@/lib/tenant/api-guard";
import { route } from "@/lib/http/route";
import { idParams, type IdParams } from "@/lib/http/params";

export const runtime = "nodejs";

type Params = IdParams;

const read = withTenant<Params>(async (_req, { session, params }) => {
  return Response.json({ data: toAgentJson(await getAgentOrThrow(session, params.id)) });
});

const update = withTenant<Params>(
  async (req, { session, params }) => {
    const patch = await readJson(req, agentUpdateSchema);
    return Response.json({ data: toAgentJson(await updateAgent(session, params.id, patch)) });
  },
  { role: "ADMIN" },
);

const remove = withTenant<Params>(
  async (_req, { session, params }) => {
    await deleteAgent(session, params.id);
    return new Response(null, { status: 204 });
  },
  { role: "ADMIN" },
);

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = route({ GET: read, PATCH: update, DELETE: remove }, { params: idParams });
