// GET /api/v1/knowledge/documents/:id — one document (?chunks=1: a page of its chunks and the text
// preview); PATCH — title and agent assignment (admins); DELETE — the document, its chunks and file (admins)
import { readJson } from "@/lib/http/read-json";
import { readQuery } from "@/lib/http/read-query";
import { idParams, type IdParams } from "@/lib/http/params";
import { route } from "@/lib/http/route";
import { deleteDocument, getDocumentOrThrow, updateDocument } from "@/lib/knowledge/service";
import { documentReadQuerySchema, documentUpdateSchema } from "@/lib/knowledge/schemas";
import { toDocumentDetailJson, toDocumentJson } from "@/lib/knowledge/serialize";
import { withTenant } from "@/lib/tenant/api-guard";

export const runtime = "nodejs";

const read = withTenant<IdParams>(async (req, { session, params }) => {
  const detail = await getDocumentOrThrow(session, params.id, readQuery(req, documentReadQuerySchema));
  return Response.json({ data: toDocumentDetailJson(detail) });
});

const update = withTenant<IdParams>(
  async (req, { session, params }) => {
    const patch = await readJson(req, documentUpdateSchema);
    return Response.json({ data: toDocumentJson(await updateDocument(session, params.id, patch)) });
  },
  { role: "ADMIN" },
);

const remove = withTenant<IdParams>(
  async (_req, { session, params }) => {
    await deleteDocument(session, params.id);
    return new Response(null, { status: 204 });
  },
  { role: "ADMIN" },
);

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = route({ GET: read, PATCH: update, DELETE: remove }, { params: idParams });
