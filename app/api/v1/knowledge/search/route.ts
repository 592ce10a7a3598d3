// POST /api/v1/knowledge/search — the passages an agent (or the whole knowledge base) would answer from
import { readJson } from "@/lib/http/read-json";
import { route } from "@/lib/http/route";
import { searchKnowledge } from "@/lib/knowledge/search-service";
import { searchSchema } from "@/lib/knowledge/schemas";
import { withTenant } from "@/lib/tenant/api-guard";

export const runtime = "nodejs";

const search = withTenant(async (req, { session }) => {
  const result = await searchKnowledge(session, await readJson(req, searchSchema));
  return Response.json({ data: result.passages, tookMs: result.tookMs });
});

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = route({ POST: search });
