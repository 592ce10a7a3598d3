// The database itself refuses a link from one tenant's row to another tenant's parent, whatever client
// writes it (the "<Child>_<col>_tenant_fkey" composite foreign keys), and deleting a parent clears the
// link without touching the child's tenant. Runs on PostgreSQL and on the embedded PGlite.
import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../db/client";
import { toAppError } from "../http/error-response";

const db = () => getDb();
const uid = () => randomBytes(5).toString("hex");
const e164 = () => `+1555${String(Math.floor(Math.random() * 1e7)).padStart(7, "0")}`;

type Parents = { tenantId: string; agentId: string; phoneNumberId: string; callId: string; documentId: string; endpointId: string };

async function tenantWithParents(name: string): Promise<Parents> {
  const tenantId = (await db().tenant.create({ data: { name, slug: `${name.toLowerCase()}-${uid()}` } })).id;
  const agentId = (await db().agent.create({ data: { tenantId, name, greeting: "Hi", systemPrompt: "Help", businessHours: {} } })).id;
  const phoneNumberId = (await db().phoneNumber.create({ data: { tenantId, e164: e164(), agentId } })).id;
  const callId = (await db().call.create({ data: { tenantId, agentId, phoneNumberId, providerCallId: uid(), fromNumber: "+15550000001", toNumber: "+15550000002" } })).id;
  const documentId = (await db().knowledgeDocument.create({ data: { tenantId, title: "Prices", source: "TEXT", allAgents: false } })).id;
  await db().knowledgeDocumentAgent.create({ data: { tenantId, documentId, agentId } });
  const endpointId = (await db().webhookEndpoint.create({ data: { tenantId, url: "https://example.test/hook", secret: "s" } })).id;
  return { tenantId, agentId, phoneNumberId, callId, documentId, endpointId };
}

let a: Parents;
let b: Parents;

beforeAll(async () => {
  [a, b] = await Promise.all([tenantWithParents("LinksA"), tenantWithParents("LinksB")]);
});

async function refusal(write: () => Promise<unknown>): Promise<{ constraint?: string; error: unknown }> {
  const error = await write().then(
    () => null,
    (e: unknown) => e,
  );
  expect(error, "the database accepted a cross-tenant link").not.toBeNull();
  const cause = (error as { meta?: { driverAdapterError?: { cause?: { originalCode?: string; constraint?: { index?: string } } } } }).meta
    ?.driverAdapterError?.cause;
  expect(cause?.originalCode ?? (error as { code?: string }).code).toMatch(/^(23503|P2003)$/);
  return { constraint: cause?.constraint?.index, error };
}

describe("cross-tenant links", () => {
  // Tenant A's child pointing at tenant B's parent, one row per composite foreign key.
  const cases: [string, string, () => Promise<unknown>][] = [
    ["PhoneNumber → Agent", "PhoneNumber_agentId_tenant_fkey", () => db().phoneNumber.create({ data: { tenantId: a.tenantId, e164: e164(), agentId: b.agentId } })],
    ["Call → Agent", "Call_agentId_tenant_fkey", () => db().call.create({ data: { tenantId: a.tenantId, agentId: b.agentId, providerCallId: uid(), fromNumber: "+1", toNumber: "+2" } })],
    ["Call → PhoneNumber", "Call_phoneNumberId_tenant_fkey", () => db().call.create({ data: { tenantId: a.tenantId, phoneNumberId: b.phoneNumberId, providerCallId: uid(), fromNumber: "+1", toNumber: "+2" } })],
    ["CallTurn → Call", "CallTurn_callId_tenant_fkey", () => db().callTurn.create({ data: { tenantId: a.tenantId, callId: b.callId, index: 0, role: "CALLER", text: "hi", startMs: 0 } })],
    ["CallEvent → Call", "CallEvent_callId_tenant_fkey", () => db().callEvent.create({ data: { tenantId: a.tenantId, callId: b.callId, type: "started" } })],
    ["Message → Call", "Message_callId_tenant_fkey", () => db().message.create({ data: { tenantId: a.tenantId, callId: b.callId, body: "call me" } })],
    ["Message → Agent", "Message_agentId_tenant_fkey", () => db().message.create({ data: { tenantId: a.tenantId, agentId: b.agentId, body: "call me" } })],
    ["KnowledgeDocumentAgent → Agent", "KnowledgeDocumentAgent_agentId_tenant_fkey", () => db().knowledgeDocumentAgent.create({ data: { tenantId: a.tenantId, documentId: a.documentId, agentId: b.agentId } })],
    ["KnowledgeDocumentAgent → KnowledgeDocument", "KnowledgeDocumentAgent_documentId_tenant_fkey", () => db().knowledgeDocumentAgent.create({ data: { tenantId: a.tenantId, documentId: b.documentId, agentId: a.agentId } })],
    ["KnowledgeChunk → KnowledgeDocument", "KnowledgeChunk_documentId_tenant_fkey", () => db().knowledgeChunk.create({ data: { tenantId: a.tenantId, documentId: b.documentId, ordinal: 0, text: "t", tokenCount: 1, embedding: [] } })],
    ["FaqEntry → Agent", "FaqEntry_agentId_tenant_fkey", () => db().faqEntry.create({ data: { tenantId: a.tenantId, agentId: b.agentId, question: "q", answer: "a" } })],
    ["UsageRecord → Call", "UsageRecord_callId_tenant_fkey", () => db().usageRecord.create({ data: { tenantId: a.tenantId, callId: b.callId, kind: "CALL_SECONDS", quantity: 1, periodStart: new Date() } })],
    ["WebhookDelivery → WebhookEndpoint", "WebhookDelivery_endpointId_tenant_fkey", () => db().webhookDelivery.create({ data: { tenantId: a.tenantId, endpointId: b.endpointId, eventId: uid(), eventType: "call.ended", payload: {} } })],
  ];

  for (const [link, constraint, write] of cases) {
    it(`refuses ${link} across tenants (${constraint})`, async () => {
      expect((await refusal(write)).constraint).toBe(constraint);
    });
  }

  it("refuses the same link written as raw SQL, and re-pointing an existing row", async () => {
    const raw = await refusal(() =>
      db().$executeRaw`INSERT INTO "PhoneNumber" ("id", "tenantId", "e164", "agentId", "updatedAt") VALUES (${uid()}, ${a.tenantId}, ${e164()}, ${b.agentId}, now())`,
    );
    expect(raw.constraint).toBe("PhoneNumber_agentId_tenant_fkey");
    const moved = await refusal(() => db().phoneNumber.update({ where: { id: a.phoneNumberId }, data: { agentId: b.agentId } }));
    expect(moved.constraint).toBe("PhoneNumber_agentId_tenant_fkey");
    // Nor can a parent with children move to another tenant under them.
    await refusal(() => db().agent.update({ where: { id: a.agentId }, data: { tenantId: b.tenantId } }));
    expect((await db().phoneNumber.findUniqueOrThrow({ where: { id: a.phoneNumberId } })).agentId).toBe(a.agentId);
  });

  it("reaches a handler as 404 naming the field, not a 500", async () => {
    const { error } = await refusal(() => db().phoneNumber.create({ data: { tenantId: a.tenantId, e164: e164(), agentId: b.agentId } }));
    expect(toAppError(error)).toMatchObject({ code: "NOT_FOUND", field: "agentId", message: "Agent not found" });
    const raw = await refusal(() => db().$executeRaw`INSERT INTO "CallTurn" ("id", "tenantId", "callId", "index", "role", "text", "startMs") VALUES (${uid()}, ${a.tenantId}, ${b.callId}, 0, 'CALLER', 'x', 0)`);
    expect(toAppError(raw.error)).toMatchObject({ code: "NOT_FOUND", field: "callId", message: "Call not found" });
  });

  it("accepts links inside one tenant", async () => {
    const faq = await db().faqEntry.create({ data: { tenantId: a.tenantId, agentId: a.agentId, question: "q", answer: "a" } });
    expect(faq.agentId).toBe(a.agentId);
  });
});

describe("deleting a parent", () => {
  it("clears the child's link to a deleted agent and keeps its tenant", async () => {
    const p = await tenantWithParents("DeleteMe");
    const faq = await db().faqEntry.create({ data: { tenantId: p.tenantId, agentId: p.agentId, question: "q", answer: "a" } });
    const message = await db().message.create({ data: { tenantId: p.tenantId, agentId: p.agentId, callId: p.callId, body: "b" } });
    await db().agent.delete({ where: { id: p.agentId } });
    const rows = await Promise.all([
      db().phoneNumber.findUniqueOrThrow({ where: { id: p.phoneNumberId } }),
      db().call.findUniqueOrThrow({ where: { id: p.callId } }),
      db().faqEntry.findUniqueOrThrow({ where: { id: faq.id } }),
      db().message.findUniqueOrThrow({ where: { id: message.id } }),
    ]);
    for (const row of rows) expect(row).toMatchObject({ agentId: null, tenantId: p.tenantId });
    // A document kept to that agent stays (the workspace's file), with no assignment left.
    expect(await db().knowledgeDocument.findUniqueOrThrow({ where: { id: p.documentId } })).toMatchObject({ tenantId: p.tenantId, allAgents: false });
    expect(await db().knowledgeDocumentAgent.count({ where: { documentId: p.documentId } })).toBe(0);
    expect((await db().message.findUniqueOrThrow({ where: { id: message.id } })).callId).toBe(p.callId);
  });

  it("deletes a call's turns and events with it, and clears messages' link", async () => {
    const p = await tenantWithParents("CallGone");
    await db().callTurn.create({ data: { tenantId: p.tenantId, callId: p.callId, index: 0, role: "CALLER", text: "hi", startMs: 0 } });
    await db().callEvent.create({ data: { tenantId: p.tenantId, callId: p.callId, type: "started" } });
    const message = await db().message.create({ data: { tenantId: p.tenantId, callId: p.callId, body: "b" } });
    await db().call.delete({ where: { id: p.callId } });
    expect(await db().callTurn.count({ where: { callId: p.callId } })).toBe(0);
    expect(await db().callEvent.count({ where: { callId: p.callId } })).toBe(0);
    expect(await db().message.findUniqueOrThrow({ where: { id: message.id } })).toMatchObject({ callId: null, tenantId: p.tenantId });
  });
});
