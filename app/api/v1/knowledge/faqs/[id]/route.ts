// GET /api/v1/knowledge/faqs/:id — one FAQ entry; PATCH — change it (admins); DELETE — remove it (admins)
import { readJson } from "@/lib/http/read-json";
import { idParams, type IdParams } from "@/lib/http/params";
import { route } from "@/lib/http/route";
import { deleteFaq, getFaqOrThrow, updateFaq } from "@/lib/knowledge/faq-service";
import { faqUpdateSchema } from "@/lib/knowledge/schemas";
import { toFaqJson } from "@/lib/knowledge/serialize";
import { withTenant } from "@/lib/tenant/api-guard";

export const runtime = "nodejs";

const read = withTenant<IdParams>(async (_req, { session, params }) => {
  return Response.json({ data: toFaqJson(await getFaqOrThrow(session, params.id)) });
});

const update = withTenant<IdParams>(
  async (req, { session, params }) => {
    const patch = await readJson(req, faqUpdateSchema);
    return Response.json({ data: toFaqJson(await updateFaq(session, params.id, patch)) });
  },
  { role: "ADMIN" },
);

const remove = withTenant<IdParams>(
  async (_req, { session, params }) => {
    await deleteFaq(session, params.id);
    return new Response(null, { status: 204 });
  },
  { role: "ADMIN" },
);

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = route({ GET: read, PATCH: update, DELETE: remove }, { params: idParams });
