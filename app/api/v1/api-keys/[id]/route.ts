// DELETE /api/v1/api-keys/:id — revoke a key (admins): requests with it get 401 API_KEY_REVOKED from then on
import { toApiKeyJson } from "@/lib/api-keys/serialize";
import { revokeApiKey } from "@/lib/api-keys/service";
import { idParams, type IdParams } from "@/lib/http/params";
import { route } from "@/lib/http/route";
import { withTenantSession } from "@/lib/tenant/api-guard";

export const runtime = "nodejs";

// Session-only, like the rest of key management: a leaked key must not revoke its owner's keys.
const revoke = withTenantSession<IdParams>(
  async (_req, { session, params }) => Response.json({ data: toApiKeyJson(await revokeApiKey(session, params.id)) }),
  { role: "ADMIN" },
);

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = route({ DELETE: revoke }, { params: idParams });
