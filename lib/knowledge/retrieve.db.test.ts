// retrieveKnowledge on the real database (PostgreSQL and PGlite): document passages and FAQ entries
// in one list, the FAQ entries the agent may use, and a confident FAQ answer first.
import { beforeAll, describe, expect, it } from "vitest";
import { createTestTenant } from "@/lib/test/factories";
import { systemDb } from "@/lib/tenant/system-scope";
import type { TenantScope } from "@/lib/tenant/scope";
import { retrieveKnowledge } from "./retrieve";
import { createAgent, indexDocument } from "./testing/index-fixtures";

let scope: TenantScope;
let agent: string;
let otherAgent: string;

beforeAll(async () => {
  const t = await createTestTenant("Retrieve Co");
  const sys = systemDb(t.tenant.id, "worker:test");
  scope = sys.scope;
  [agent, otherAgent] = [await createAgent(t.tenant.id, "Front"), await createAgent(t.tenant.id, "Back")];
  await indexDocument(t.tenant.id, "Clinic handbook", [
    { heading: "Parking", text: "Patients park free in the garage under the clinic; take the lift to level 2." },
    { heading: "Payments", text: "We take cards and cash; invoices are due within 30 days." },
    { heading: "Vaccines", text: "Flu vaccines are given on Tuesdays without an appointment." },
  ]);
  await sys.db.faqEntry.createMany({
    data: [
      { question: "Do you have parking?", answer: "Yes, free parking in our garage." },
      { question: "Do you offer flu shots?", answer: "Front desk: flu shots every Tuesday.", agentId: agent },
      { question: "Do you offer flu shots?", answer: "Back office: ask the nurse.", agentId: otherAgent },
      { question: "Do you sell parking permits?", answer: "Disabled entry.", enabled: false },
    ],
  });
});

describe("retrieveKnowledge", () => {
  it("puts an FAQ that answers the question outright first, then the document passages", async () => {
    const found = await retrieveKnowledge(scope, { query: "Do you have parking?", agentId: agent });
    expect(found[0]).toMatchObject({ source: "faq", title: "Do you have parking?", text: "Yes, free parking in our garage.", documentId: null });
    expect(found.some((p) => p.source === "document" && p.heading === "Parking")).toBe(true);
    expect(found.map((p) => p.score)).toEqual([...found.map((p) => p.score)].sort((a, b) => b - a));
  });

  it("uses the agent's own FAQ and the shared ones, never another agent's or a disabled one", async () => {
    const mine = await retrieveKnowledge(scope, { query: "flu shots", agentId: agent, limit: 10 });
    const faqTexts = mine.filter((p) => p.source === "faq").map((p) => p.text);
    expect(faqTexts).toContain("Front desk: flu shots every Tuesday.");
    expect(faqTexts).not.toContain("Back office: ask the nurse.");
    const permits = await retrieveKnowledge(scope, { query: "parking permits", agentId: agent, limit: 10 });
    expect(permits.map((p) => p.text)).not.toContain("Disabled entry.");
  });

  it("ranks a document passage above a weak FAQ match", async () => {
    const found = await retrieveKnowledge(scope, { query: "When are invoices due?", agentId: agent });
    expect(found[0]).toMatchObject({ source: "document", heading: "Payments" });
  });

  it("takes the FAQ entries it is given instead of reading them, and honours the limit", async () => {
    const faq = [{ id: "faq-given", question: "Is there a lift to the garage?", answer: "Yes, to level 2." }];
    const found = await retrieveKnowledge(scope, { query: "Is there a lift to the garage?", limit: 2 }, { faq });
    expect(found).toHaveLength(2);
    expect(found[0]).toMatchObject({ source: "faq", id: "faq-given" });
    expect(found[1]).toMatchObject({ source: "document", heading: "Parking" });
  });

  it("returns nothing for an empty question", async () => {
    expect(await retrieveKnowledge(scope, { query: "  " })).toEqual([]);
  });
});
