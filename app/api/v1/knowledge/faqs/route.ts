// GET /api/v1/knowledge/faqs — the tenant's FAQ entries (?agentId: those that agent answers with);
// POST — add one (admins)
import { readJson } from "@/lib/http/read-json";
import { readQuery } from "@/lib/http/read-query";
import { route } from "@/lib/http/route";
import { createFaq, listFaqs } from "@/lib/knowledge/faq-service";
import { faqCreateSchema, faqListQuerySchema } from "@/lib/knowledge/schemas";
import { toFaqJson } from "@/lib/knowledge/serialize";
import { withTenant } from "@/lib/tenant/api-guard";

export const runtime = "nodejs";

const list = withTenant(async (req, { session }) => {
  const entries = await listFaqs(session, readQuery(req, faqListQuerySchema));
  return Response.json({ data: entries.map(toFaqJson) });
});

const create = withTenant(
  async (req, { session }) => {
    const entry = await createFaq(session, await readJson(req, faqCreateSchema));
    return Response.json({ data: toFaqJson(entry) }, { status: 201 });
  },
  { role: "ADMIN" },
);

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = route({ GET: list, POST: create });
