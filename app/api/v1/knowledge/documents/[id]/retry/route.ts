// POST /api/v1/knowledge/documents/:id/retry — queue a failed (or stuck) document again (admins)
import { idParams, type IdParams } from "@/lib/http/params";
import { route } from "@/lib/http/route";
import { retryDocument } from "@/lib/knowledge/service";
import { toDocumentJson } from "@/lib/knowledge/serialize";
import { withTenant } from "@/lib/tenant/api-guard";

export const runtime = "nodejs";

const retry = withTenant<IdParams>(
  async (_req, { session, params }) => Response.json({ data: toDocumentJson(await retryDocument(session, params.id)) }),
  { role: "ADMIN" },
);

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = route({ POST: retry }, { params: idParams });
