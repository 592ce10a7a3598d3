// GET /api/v1/api-keys — the workspace's API keys, newest first (admins); POST — create one, the key shown once
import { apiKeyCreateSchema } from "@/lib/api-keys/schemas";
import { toApiKeyJson } from "@/lib/api-keys/serialize";
import { createApiKey, listApiKeys } from "@/lib/api-keys/service";
import { pageQuerySchema } from "@/lib/http/page";
import { readJson } from "@/lib/http/read-json";
import { readQuery } from "@/lib/http/read-query";
import { route } from "@/lib/http/route";
import { withTenantSession } from "@/lib/tenant/api-guard";

export const runtime = "nodejs";

// Session-only: a key that could list or mint keys would let a leaked key outlive its revocation.
const list = withTenantSession(
  async (req, { session }) => {
    const page = await listApiKeys(session, readQuery(req, pageQuerySchema));
    return Response.json({ data: page.rows.map(toApiKeyJson), next_cursor: page.nextCursor });
  },
  { role: "ADMIN" },
);

const create = withTenantSession(
  async (req, { session }) => {
    const { apiKey, key } = await createApiKey(session, await readJson(req, apiKeyCreateSchema));
    return Response.json({ data: { ...toApiKeyJson(apiKey), key } }, { status: 201, headers: { "cache-control": "no-store" } });
  },
  { role: "ADMIN" },
);

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = route({ GET: list, POST: create });
