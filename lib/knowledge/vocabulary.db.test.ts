// The recogniser vocabulary rebuilt from the database: after a document turns READY its job is queued,
// and running it gives each agent the phrases of ITS knowledge (shared documents and FAQ, its own
// assigned ones), never another agent's assigned document nor another tenant's anything.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAgent } from "../agents/service";
import { agentCreateSchema } from "../agents/schemas";
import { getDb } from "../db/client";
import { enqueueVocabularyRebuild, runRebuildVocabulary, VOCABULARY_WINDOW_MS } from "../jobs/knowledge/rebuild-vocabulary";
import { LocalStorage } from "../providers/storage/local";
import { createTestTenant, unique, validAgentInput } from "../test/factories";
import { systemScope } from "../tenant/system-scope";
import { userScope, type TenantScope } from "../tenant/scope";
import { processDocument } from "./pipeline";
import { sha256 } from "./pipeline-source";
import { MAX_KNOWLEDGE_PHRASES, rebuildVocabulary } from "./vocabulary";

let root: string;
let storage: LocalStorage;
beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), "kb-vocabulary-"));
  storage = new LocalStorage(root);
});
afterAll(() => rm(root, { recursive: true, force: true }));

async function tenantWithAgents(name: string) {
  const t = await createTestTenant(name);
  const scope: TenantScope = userScope({ tenantId: t.tenant.id, role: "ADMIN", userId: t.admin.id });
  const front = await createAgent(scope, agentCreateSchema.parse(validAgentInput({ name: "Front desk" })));
  const billing = await createAgent(scope, agentCreateSchema.parse(validAgentInput({ name: "Billing" })));
  return { tenantId: t.tenant.id, scope, front, billing };
}

async function readyDocument(tenantId: string, markdown: string, agentIds: string[] = []) {
  const id = `doc${unique()}${unique()}`;
  const storageKey = `tenants/${tenantId}/knowledge/${id}/doc.md`;
  const bytes = Buffer.from(markdown);
  await storage.put(storageKey, bytes, { contentType: "text/markdown" });
  await getDb().knowledgeDocument.create({
    data: {
      id, tenantId, title: "Doc", source: "UPLOAD", fileName: "doc.md", mimeType: "text/markdown", storageKey, contentHash: sha256(bytes),
      allAgents: agentIds.length === 0,
      agents: { create: agentIds.map((agentId) => ({ tenantId, agentId })) },
    },
  });
  expect(await processDocument(systemScope(tenantId, { reason: "worker:knowledge" }), id, { storage })).toBe("ready");
  return id;
}

const phrasesOf = async (agentId: string) => (await getDb().agent.findUniqueOrThrow({ where: { id: agentId } })).knowledgePhrases;

describe("rebuildVocabulary", () => {
  it("gives each agent the phrases of its own knowledge after its documents turn ready", async () => {
    const a = await tenantWithAgents("Vocabulary Clinic");
    const other = await tenantWithAgents("Vocabulary Elsewhere");
    await readyDocument(a.tenantId, `# Services ${unique()}\n\n## Teeth whitening\n\nWhitening takes one visit.\n\n## Night guards\n\nNight guards protect teeth.`);
    await readyDocument(a.tenantId, `# Billing ${unique()}\n\n## Payment plans\n\nPayment plans split treatments into months.`, [a.billing.id]);
    await readyDocument(other.tenantId, `# Elsewhere ${unique()}\n\n## Dog grooming\n\nGrooming takes an hour.`);
    await getDb().faqEntry.createMany({
      data: [
        { tenantId: a.tenantId, agentId: null, question: "Do you take new patients?", answer: "Yes." },
        { tenantId: a.tenantId, agentId: a.front.id, question: "Is there parking at 12 Main Street?", answer: "Yes." },
        { tenantId: a.tenantId, agentId: a.front.id, question: "Is the old line still open?", answer: "No.", enabled: false },
      ],
    });

    // The READY transactions asked for a rebuild of every agent (shared document) and of billing.
    const queued = await getDb().$queryRaw<{ agentId: string | null }[]>`
      SELECT payload->>'agentId' AS "agentId" FROM "Job" WHERE name = 'knowledge.rebuild-vocabulary' AND payload->>'tenantId' = ${a.tenantId}`;
    expect(queued).toEqual(expect.arrayContaining([{ agentId: null }, { agentId: a.billing.id }]));
    const ctx = { id: `job-${unique()}`, name: "knowledge.rebuild-vocabulary", attempt: 1, signal: new AbortController().signal };
    await runRebuildVocabulary({ tenantId: a.tenantId, agentId: null }, ctx, { db: getDb(), logger: pino({ level: "silent" }) });

    const front = await phrasesOf(a.front.id);
    expect(front).toEqual(expect.arrayContaining(["do you take new patients", "is there parking at twelve main street", "teeth whitening", "what about night guards"]));
    expect(front.join("|")).not.toMatch(/payment plans|grooming|old line/);
    const billing = await phrasesOf(a.billing.id);
    expect(billing).toEqual(expect.arrayContaining(["tell me about payment plans", "teeth whitening", "do you take new patients"]));
    expect(billing).not.toContain("is there parking at twelve main street");
    for (const p of [...front, ...billing]) expect(p).toMatch(/^[a-z][a-z' ]*[a-z]$/);
    expect(front.length).toBeLessThanOrEqual(MAX_KNOWLEDGE_PHRASES);
    // The other tenant's agents were not touched.
    expect(await phrasesOf(other.front.id)).toEqual([]);
  });

  it("rebuilds one agent only, and ignores an agent of another tenant", async () => {
    const a = await tenantWithAgents("Vocabulary One");
    const b = await tenantWithAgents("Vocabulary Two");
    await getDb().faqEntry.create({ data: { tenantId: a.tenantId, agentId: null, question: "Do you sell gift cards?", answer: "Yes." } });
    expect(await rebuildVocabulary(a.scope, a.billing.id)).toBe(1);
    expect(await phrasesOf(a.billing.id)).toContain("do you sell gift cards");
    expect(await phrasesOf(a.front.id)).toEqual([]);
    expect(await rebuildVocabulary(a.scope, b.front.id)).toBe(0);
  });
});

describe("enqueueVocabularyRebuild", () => {
  it("coalesces the rebuilds asked for within one window into one job per agent", async () => {
    const a = await tenantWithAgents("Vocabulary Window");
    const db = getDb();
    const count = async () =>
      (await db.$queryRaw<{ n: number }[]>`
        SELECT count(*)::int AS n FROM "Job" WHERE name = 'knowledge.rebuild-vocabulary' AND payload->>'tenantId' = ${a.tenantId}`)[0]!.n;
    const start = Math.ceil(Date.now() / VOCABULARY_WINDOW_MS) * VOCABULARY_WINDOW_MS;
    await db.$transaction((tx) => enqueueVocabularyRebuild(tx, a.scope, [a.front.id, null], start + 10));
    await db.$transaction((tx) => enqueueVocabularyRebuild(tx, a.scope, [null], start + 20));
    expect(await count()).toBe(1);
    await db.$transaction((tx) => enqueueVocabularyRebuild(tx, a.scope, [a.front.id, a.front.id, a.billing.id], start + 30));
    expect(await count()).toBe(3);
    await db.$transaction((tx) => enqueueVocabularyRebuild(tx, a.scope, [null], start + VOCABULARY_WINDOW_MS));
    expect(await count()).toBe(4);
  });
});
