// POST /api/v1/knowledge/search through the real route: only READY documents and enabled FAQ entries of
// the caller's tenant, narrowed to an agent when one is given; another tenant's agent is 404.
import { beforeAll, describe, expect, it } from "vitest";
import * as search from "./knowledge/search/route";
import * as agents from "./agents/route";
import * as faqs from "./knowledge/faqs/route";
import { getDb } from "@/lib/db/client";
import { replaceChunks } from "@/lib/knowledge/index-store";
import { scopedDb } from "@/lib/tenant/scoped-db";
import { apiRequest, createTestTenant, json, validAgentInput, type TestTenant } from "@/lib/test/factories";

let a: TestTenant;
let b: TestTenant;
let agentA: string;
let agentA2: string;
let agentB: string;

const ask = (t: TestTenant, body: unknown, cookie = t.user.cookie) => search.POST(apiRequest("POST", "/api/v1/knowledge/search", { cookie, body })).then(json);

/** A READY document with one chunk, written as the pipeline would (chunks + READY). */
async function readyDocument(t: TestTenant, title: string, text: string, agentIds: string[] = []) {
  const db = getDb();
  const doc = await db.knowledgeDocument.create({
    data: { tenantId: t.tenant.id, title, source: "TEXT", status: "READY", allAgents: agentIds.length === 0, chunkCount: 1 },
  });
  for (const agentId of agentIds) await db.knowledgeDocumentAgent.create({ data: { tenantId: t.tenant.id, documentId: doc.id, agentId } });
  await replaceChunks(scopedDb({ tenantId: t.tenant.id, role: "ADMIN", actor: {} }), doc.id, [{ ordinal: 0, heading: title, page: null, text, tokenCount: 10 }], { language: "en-US" });
  return doc.id;
}

beforeAll(async () => {
  [a, b] = await Promise.all([createTestTenant("Search A"), createTestTenant("Search B")]);
  const newAgent = async (t: TestTenant, name: string) => (await agents.POST(apiRequest("POST", "/api/v1/agents", { cookie: t.admin.cookie, body: validAgentInput({ name }) })).then(json)).body.data.id;
  [agentA, agentA2, agentB] = await Promise.all([newAgent(a, "One"), newAgent(a, "Two"), newAgent(b, "B")]);
});

describe("POST /api/v1/knowledge/search", () => {
  it("finds the tenant's own passages only, with their source", async () => {
    const mine = await readyDocument(a, "Grooming prices", "A full zebrafin grooming costs 45 dollars and takes an hour.");
    await readyDocument(b, "Other grooming", "Zebrafin grooming at the other shop costs 99 dollars.");
    const res = await ask(a, { query: "how much is zebrafin grooming" });
    expect(res.status).toBe(200);
    expect(typeof res.body.tookMs).toBe("number");
    expect(res.body.data.length).toBeGreaterThan(0);
    expect(res.body.data[0]).toMatchObject({ source: "document", documentId: mine, title: "Grooming prices", heading: "Grooming prices" });
    expect(res.body.data.every((p: { documentId: string | null }) => p.documentId === mine)).toBe(true);
    expect(JSON.stringify(res.body.data)).not.toContain("99 dollars");
  });

  it("narrows to an agent's documents and FAQ, and ignores documents that are not ready", async () => {
    const own = await readyDocument(a, "Quokkaberry policy", "Quokkaberry returns are accepted within 30 days.", [agentA]);
    await readyDocument(a, "Quokkaberry for two", "Quokkaberry returns for agent two take a week.", [agentA2]);
    const pending = await getDb().knowledgeDocument.create({ data: { tenantId: a.tenant.id, title: "Quokkaberry draft", source: "TEXT", status: "QUEUED" } });
    const faq = await faqs.POST(apiRequest("POST", "/api/v1/knowledge/faqs", { cookie: a.admin.cookie, body: { question: "Can I return a quokkaberry?", answer: "Yes, within 30 days.", agentId: agentA } })).then(json);
    expect(faq.status).toBe(201);

    const res = await ask(a, { query: "quokkaberry returns", agentId: agentA, limit: 10 });
    expect(res.status).toBe(200);
    const ids = res.body.data.map((p: { documentId: string | null; id: string }) => p.documentId ?? p.id);
    expect(ids).toContain(own);
    expect(ids).toContain(faq.body.data.id);
    expect(res.body.data.find((p: { source: string }) => p.source === "faq")).toMatchObject({ title: "Can I return a quokkaberry?", text: "Yes, within 30 days." });
    expect(res.body.data.every((p: { title: string }) => p.title !== "Quokkaberry for two")).toBe(true);
    expect(ids).not.toContain(pending.id);
    // Agent two does not see agent one's FAQ entry.
    const two = await ask(a, { query: "quokkaberry returns", agentId: agentA2, limit: 10 });
    expect(two.body.data.map((p: { id: string }) => p.id)).not.toContain(faq.body.data.id);
  });

  it("answers 404 for another tenant's agent and 422 for bad input", async () => {
    const foreign = await ask(a, { query: "anything", agentId: agentB });
    expect(foreign.status).toBe(404);
    expect(foreign.body.error.field).toBe("agentId");
    expect((await ask(a, { query: "" })).status).toBe(422);
    expect((await ask(a, { query: "x", limit: 0 })).status).toBe(422);
    expect((await ask(a, { query: "x", mode: "magic" })).status).toBe(422);
  });

  it("needs a session", async () => {
    expect((await ask(a, { query: "x" }, "")).status).toBe(401);
  });
});
