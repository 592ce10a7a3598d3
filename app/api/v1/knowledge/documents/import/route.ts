// POST /api/v1/knowledge/documents/import — queue a public web page for import (admins); the address
// is checked before anything is stored (400 UNSAFE_URL for private, loopback or metadata addresses)
import { readJson } from "@/lib/http/read-json";
import { route } from "@/lib/http/route";
import { importWebPage } from "@/lib/knowledge/service";
import { importSchema } from "@/lib/knowledge/schemas";
import { toDocumentJson, withDuplicateDetails } from "@/lib/knowledge/serialize";
import { withTenant } from "@/lib/tenant/api-guard";

export const runtime = "nodejs";

const importPage = withTenant(
  async (req, { session }) =>
    withDuplicateDetails(async () => {
      const doc = await importWebPage(session, await readJson(req, importSchema));
      return Response.json({ data: toDocumentJson(doc) }, { status: 201 });
    }),
  { role: "ADMIN" },
);

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = route({ POST: importPage });
