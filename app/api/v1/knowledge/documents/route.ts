// GET /api/v1/knowledge/documents — the tenant's documents, newest first, a page at a time; POST —
// upload files (multipart/form-data, admins): each becomes a QUEUED document the worker processes
import { getEnv } from "@/lib/env";
import { readQuery } from "@/lib/http/read-query";
import { route } from "@/lib/http/route";
import { createUploadedDocuments, listDocuments } from "@/lib/knowledge/service";
import { documentListQuerySchema } from "@/lib/knowledge/schemas";
import { toDocumentJson, withDuplicateDetails } from "@/lib/knowledge/serialize";
import { readUploadForm } from "@/lib/knowledge/upload";
import { withTenant } from "@/lib/tenant/api-guard";

export const runtime = "nodejs";

const list = withTenant(async (req, { session }) => {
  const page = await listDocuments(session, readQuery(req, documentListQuerySchema));
  return Response.json({ data: page.documents.map(toDocumentJson), next_cursor: page.nextCursor });
});

const upload = withTenant(
  async (req, { session }) =>
    withDuplicateDetails(async () => {
      const form = await readUploadForm(req, { maxFileBytes: getEnv().KNOWLEDGE_MAX_UPLOAD_MB * 1024 * 1024 });
      const docs = await createUploadedDocuments(session, form);
      return Response.json({ data: docs.map(toDocumentJson) }, { status: 201 });
    }),
  { role: "ADMIN" },
);

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = route({ GET: list, POST: upload });
