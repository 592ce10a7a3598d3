// Document retrieval on the real database (PostgreSQL and PGlite): what full-text finds and how it
// ranks it, whose chunks may be returned, and the vector and hybrid paths where pgvector exists.
import { beforeAll, describe, expect, it } from "vitest";
import { createHashEmbedder, hashEmbedding } from "@/lib/test/hash-embedder";
import { createTestTenant } from "@/lib/test/factories";
import { systemScope } from "@/lib/tenant/system-scope";
import type { TenantScope } from "@/lib/tenant/scope";
import { getDb } from "@/lib/db/client";
import { searchDocuments } from "./search";
import { createAgent, indexDocument } from "./testing/index-fixtures";
import { hasVectorColumn } from "./vector-support";

let scope: TenantScope;
let other: TenantScope;
let tenantId: string;

const texts = (ps: { text: string }[]) => ps.map((p) => p.text);

beforeAll(async () => {
  const [a, b] = await Promise.all([createTestTenant("Search A"), createTestTenant("Search B")]);
  tenantId = a.tenant.id;
  scope = systemScope(a.tenant.id, { reason: "worker:test" });
  other = systemScope(b.tenant.id, { reason: "worker:test" });
  await indexDocument(tenantId, "Store policies", [
    { heading: "Store policies › Returns", text: "Unused items are refundable within 30 days with a receipt." },
    { heading: "Store policies › Delivery", text: "We bring orders to your door on weekdays for a flat fee of $9." },
    { heading: "Store policies › Damaged goods", text: "A delivery that arrives damaged is replaced; tell the driver of the delivery at once." },
    { heading: "Store policies › Gift wrapping", text: "Gift wrapping is free during December; refunds of wrapped gifts go to store credit." },
    { heading: "Store policies › Parking", text: "Customers park free of charge in the garage on Elm Street behind the store." },
  ]);
  await indexDocument(tenantId, "Café menu", [
    { heading: "Café menu › Drinks", text: "Our hot chocolate is made with whole milk and dark cocoa." },
    { heading: "Café menu › Desserts", text: "The chocolate fondant is served hot with cream." },
    { heading: "Café menu › Hours", text: "The café opens at seven and serves breakfast until eleven." },
  ]);
});

describe("full-text search", () => {
  it("matches prefixes and word forms: 'refund' finds 'refundable' and 'refunds'", async () => {
    const found = await searchDocuments(scope, { query: "refund", mode: "fulltext" });
    expect(texts(found)).toEqual(
      expect.arrayContaining([expect.stringContaining("refundable within 30 days"), expect.stringContaining("refunds of wrapped gifts")]),
    );
    expect(found.every((p) => p.source === "document" && p.title === "Store policies")).toBe(true);
  });

  it("finds a passage from a paraphrased question and ranks it first", async () => {
    const [top] = await searchDocuments(scope, { query: "Where can I leave my car when I visit the store?", mode: "fulltext" });
    expect(top).toMatchObject({ heading: "Store policies › Parking", page: null, source: "document" });
    expect(top!.score).toBeGreaterThan(0);
  });

  it("matches a word's beginning: 'chocol' finds chocolate", async () => {
    const found = await searchDocuments(scope, { query: "chocol", mode: "fulltext" });
    expect(found.map((p) => p.heading).sort()).toEqual(["Café menu › Desserts", "Café menu › Drinks"]);
  });

  it("ranks a chunk whose heading names the topic above one whose text mentions it more", async () => {
    const found = await searchDocuments(scope, { query: "delivery", mode: "fulltext" });
    expect(found.map((p) => p.heading)).toEqual(["Store policies › Delivery", "Store policies › Damaged goods"]);
  });

  it("boosts chunks where adjacent query words occur as a phrase", async () => {
    // Both chunks have both words; only the drinks chunk has them side by side.
    const found = await searchDocuments(scope, { query: "hot chocolate", mode: "fulltext" });
    expect(found.map((p) => p.heading).slice(0, 2)).toEqual(["Café menu › Drinks", "Café menu › Desserts"]);
    expect(found[0]!.score).toBeGreaterThan(found[1]!.score);
  });

  it("returns nothing for stop words only, an empty question or words no chunk has", async () => {
    expect(await searchDocuments(scope, { query: "what is the", mode: "fulltext" })).toEqual([]);
    expect(await searchDocuments(scope, { query: "   ", mode: "fulltext" })).toEqual([]);
    expect(await searchDocuments(scope, { query: "zeppelin", mode: "fulltext" })).toEqual([]);
  });

  it("respects the limit", async () => {
    const found = await searchDocuments(scope, { query: "store chocolate gift refund", mode: "fulltext", limit: 2 });
    expect(found).toHaveLength(2);
  });

  it("parses a Spanish question with the Spanish stemmer against a Spanish document", async () => {
    await indexDocument(tenantId, "Política de devoluciones", [{ heading: "Devoluciones", text: "Aceptamos devoluciones de productos durante treinta días." }], { language: "es-ES" });
    // "devolución" and "productos" only meet "devoluciones"/"producto" through Spanish stemming.
    const found = await searchDocuments(scope, { query: "¿Cómo funciona la devolución de un producto?", language: "es", mode: "fulltext" });
    expect(found[0]?.title).toBe("Política de devoluciones");
  });
});

describe("what may be returned", () => {
  it("never returns another tenant's chunks, even with the exact words", async () => {
    await indexDocument(other.tenantId, "Other tenant secrets", [{ heading: "Vault", text: "The marzipan vault code is kept by the night manager." }]);
    expect(await searchDocuments(scope, { query: "marzipan vault code", mode: "fulltext" })).toEqual([]);
    expect(await searchDocuments(other, { query: "marzipan vault code", mode: "fulltext" })).toHaveLength(1);
  });

  it("leaves out documents that are not READY", async () => {
    for (const status of ["QUEUED", "INDEXING", "FAILED"] as const) {
      await indexDocument(tenantId, `Draft ${status}`, [{ text: `The pumpernickel recipe is still a draft (${status}).` }], { status });
    }
    expect(await searchDocuments(scope, { query: "pumpernickel recipe", mode: "fulltext" })).toEqual([]);
  });

  it("with an agent: documents shared with all agents and its own, not another agent's", async () => {
    const [mine, theirs] = [await createAgent(tenantId, "Mine"), await createAgent(tenantId, "Theirs")];
    await indexDocument(tenantId, "Mine only", [{ text: "Saffron buns are baked on Fridays." }], { agentIds: [mine] });
    await indexDocument(tenantId, "Theirs only", [{ text: "Saffron tea is served on Sundays." }], { agentIds: [theirs] });
    await indexDocument(tenantId, "Shared", [{ text: "Saffron is stored in the pantry." }]);
    const forMine = await searchDocuments(scope, { query: "saffron", agentId: mine, mode: "fulltext" });
    expect(forMine.map((p) => p.title).sort()).toEqual(["Mine only", "Shared"]);
    const forTheirs = await searchDocuments(scope, { query: "saffron", agentId: theirs, mode: "fulltext" });
    expect(forTheirs.map((p) => p.title).sort()).toEqual(["Shared", "Theirs only"]);
    const all = await searchDocuments(scope, { query: "saffron", mode: "fulltext" });
    expect(all).toHaveLength(3);
  });
});

describe("vector and hybrid retrieval", async () => {
  const vectors = await hasVectorColumn(getDb());

  it("has the pgvector column on PGlite (it ships the extension)", () => {
    if (process.env.TEST_DB_KIND === "pglite") expect(vectors).toBe(true);
  });

  it.skipIf(!vectors)("finds the nearest chunks by cosine distance and fuses both lists in hybrid mode", async () => {
    const embedder = createHashEmbedder();
    const chunks = [
      { heading: "Fleet", text: "Our trucks carry pallets between the warehouses overnight." },
      { heading: "Pricing", text: "Freight quotes depend on pallet weight and distance." },
      { heading: "Team", text: "Drivers hold commercial licences and rest every four hours." },
    ];
    await indexDocument(tenantId, "Logistics", chunks, { embeddings: chunks.map((c) => hashEmbedding(`${c.heading} ${c.text}`, 1536)) });

    const near = await searchDocuments(scope, { query: "pallets trucks warehouses", mode: "vector" }, { embedder });
    expect(near[0]).toMatchObject({ title: "Logistics", heading: "Fleet" });
    expect(near[0]!.score).toBeGreaterThan(near[1]?.score ?? 0);

    const hybrid = await searchDocuments(scope, { query: "pallet freight quote", mode: "hybrid" }, { embedder });
    expect(hybrid[0]).toMatchObject({ heading: "Pricing" });
    expect(embedder.calls).toBe(2);
    // Another tenant's nearest neighbours never come back.
    expect(await searchDocuments(other, { query: "pallets trucks warehouses", mode: "vector" }, { embedder })).toEqual([]);
  });

  it.skipIf(!vectors)("the nearest chunk the caller may read: not a nearer draft, not another agent's", async () => {
    const embedder = createHashEmbedder();
    const [mine, theirs] = [await createAgent(tenantId, "Vector mine"), await createAgent(tenantId, "Vector theirs")];
    const doc = (title: string, text: string, opts: { agentIds?: string[]; status?: "QUEUED" }) =>
      indexDocument(tenantId, title, [{ text }], { ...opts, embeddings: [hashEmbedding(text, 1536)] });
    const query = "Nutmeg tea is poured on Sundays.";
    await doc("Nutmeg draft", query, { status: "QUEUED" });
    await doc("Nutmeg theirs", "Nutmeg tea is poured on Sundays at noon.", { agentIds: [theirs] });
    await doc("Nutmeg mine", "Nutmeg cake is baked on Fridays.", { agentIds: [mine] });
    // limit 1: the index path alone answers, so its own visibility filter is what is tested.
    const [top] = await searchDocuments(scope, { query, mode: "vector", limit: 1 }, { embedder });
    expect(top?.title).toBe("Nutmeg theirs");
    const [forMine] = await searchDocuments(scope, { query, agentId: mine, mode: "vector", limit: 1 }, { embedder });
    expect(forMine?.title).toBe("Nutmeg mine");
  });

  it("hybrid without an embedder is full-text alone; vector mode without one finds nothing", async () => {
    const hybrid = await searchDocuments(scope, { query: "refund", mode: "hybrid" }, { embedder: null });
    const text = await searchDocuments(scope, { query: "refund", mode: "fulltext" });
    expect(hybrid).toEqual(text);
    expect(await searchDocuments(scope, { query: "refund", mode: "vector" }, { embedder: null })).toEqual([]);
  });
});
