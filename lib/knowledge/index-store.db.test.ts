// replaceChunks on the real database (PostgreSQL and PGlite): rows as the pipeline expects them, the
// generated full-text vector in the document's language, atomic replacement inside the caller's
// transaction, and tenant scoping of the document it writes to.
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { createTestTenant } from "@/lib/test/factories";
import { hashEmbedding } from "@/lib/test/hash-embedder";
import { systemDb } from "@/lib/tenant/system-scope";
import { newChunkId, replaceChunks } from "./index-store";
import { drafts, indexDocument } from "./testing/index-fixtures";
import { hasVectorColumn } from "./vector-support";

let tenantId: string;
let otherTenantId: string;

beforeAll(async () => {
  const [a, b] = await Promise.all([createTestTenant("Index A"), createTestTenant("Index B")]);
  tenantId = a.tenant.id;
  otherTenantId = b.tenant.id;
});

type Row = { ordinal: number; heading: string; page: number | null; text: string; tokenCount: number; tsConfig: string; tsv: string; embedding: number[] };
const rows = (documentId: string) =>
  getDb().$queryRaw<Row[]>`
    SELECT "ordinal", "heading", "page", "text", "tokenCount", "tsConfig"::text AS "tsConfig", "tsv"::text AS tsv, "embedding"
    FROM "KnowledgeChunk" WHERE "documentId" = ${documentId} ORDER BY "ordinal"`;

describe("replaceChunks", () => {
  it("writes every draft with its heading, page and the document language's configuration", async () => {
    const { documentId } = await indexDocument(tenantId, "Guía", [
      { heading: "Horario", text: "Abrimos los sábados por la mañana.", page: 2 },
      { heading: "", text: "Las devoluciones se aceptan durante treinta días.", page: null },
    ], { language: "es-MX" });
    const stored = await rows(documentId);
    expect(stored.map((r) => [r.ordinal, r.heading, r.page, r.tsConfig])).toEqual([
      [0, "Horario", 2, "spanish"],
      [1, "", null, "spanish"],
    ]);
    // Heading lexemes weighted A, text B; Spanish stemming ("sábados" → "sab").
    expect(stored[0]!.tsv).toMatch(/'horari':1A/);
    expect(stored[0]!.tsv).toMatch(/'sab':\d+B/);
    expect(stored[1]!.embedding).toEqual([]);
  });

  it("writes many chunks in batches, with cuid-shaped unique ids", async () => {
    const many = Array.from({ length: 1_234 }, (_, i) => ({ heading: `Section ${i}`, text: `Paragraph number ${i} about widgets.` }));
    const { documentId } = await indexDocument(tenantId, "Big", many);
    const ids = await getDb().knowledgeChunk.findMany({ where: { documentId }, select: { id: true, ordinal: true }, orderBy: { ordinal: "asc" } });
    expect(ids).toHaveLength(1_234);
    expect(ids.at(-1)!.ordinal).toBe(1_233);
    expect(new Set(ids.map((r) => r.id)).size).toBe(1_234);
    expect(ids.every((r) => /^[a-z][a-z0-9]{23}$/.test(r.id))).toBe(true);
    expect(newChunkId()).not.toBe(newChunkId());
  });

  it("replaces the old chunks, and a failure inside the transaction leaves them as they were", async () => {
    const { documentId } = await indexDocument(tenantId, "Menu", [{ text: "Old soup of the day." }, { text: "Old bread." }]);
    const { db } = systemDb(tenantId, "worker:test");

    await db.$transaction((tx) => replaceChunks(tx, documentId, drafts([{ text: "New soup of the day." }]), { language: "en-US" }));
    expect((await rows(documentId)).map((r) => r.text)).toEqual(["New soup of the day."]);

    // Two drafts with one ordinal violate (documentId, ordinal) after the old rows were deleted.
    const bad = drafts([{ text: "Doomed A" }, { text: "Doomed B" }]).map((d) => ({ ...d, ordinal: 0 }));
    await expect(db.$transaction((tx) => replaceChunks(tx, documentId, bad, { language: "en-US" }))).rejects.toThrow();
    expect((await rows(documentId)).map((r) => r.text)).toEqual(["New soup of the day."]);

    // A failure after replaceChunks (the pipeline's READY update, say) rolls the new chunks back too.
    await expect(
      db.$transaction(async (tx) => {
        await replaceChunks(tx, documentId, drafts([{ text: "Never visible." }]), { language: "en-US" });
        throw new Error("pipeline failed after indexing");
      }),
    ).rejects.toThrow("pipeline failed after indexing");
    expect((await rows(documentId)).map((r) => r.text)).toEqual(["New soup of the day."]);

    await db.$transaction((tx) => replaceChunks(tx, documentId, [], { language: "en-US" }));
    expect(await rows(documentId)).toEqual([]);
  });

  it("refuses another tenant's document (NOT_FOUND) and writes nothing", async () => {
    const { documentId } = await indexDocument(otherTenantId, "Theirs", [{ text: "Their text." }]);
    const { db } = systemDb(tenantId, "worker:test");
    await expect(db.$transaction((tx) => replaceChunks(tx, documentId, drafts([{ text: "Mine!" }]), { language: "en-US" }))).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    expect((await rows(documentId)).map((r) => r.text)).toEqual(["Their text."]);
  });

  it("refuses a different number of embeddings than chunks", async () => {
    const { documentId } = await indexDocument(tenantId, "Mismatch", [{ text: "One." }]);
    const { db } = systemDb(tenantId, "worker:test");
    await expect(
      db.$transaction((tx) => replaceChunks(tx, documentId, drafts([{ text: "A" }, { text: "B" }]), { language: "en-US", embeddings: [[1]] })),
    ).rejects.toThrow(/1 embeddings for 2 chunks/);
  });

  it("stores embeddings in the portable column, and in the pgvector column where it exists", async () => {
    const chunks = [{ text: "Vectors for the first chunk." }, { text: "And for the second." }];
    const embeddings = chunks.map((c) => hashEmbedding(c.text, 1536));
    const { documentId } = await indexDocument(tenantId, "Embedded", chunks, { embeddings });
    const stored = await rows(documentId);
    expect(stored[0]!.embedding).toHaveLength(1536);
    expect(stored[0]!.embedding[0]).toBeCloseTo(embeddings[0]![0]!, 10);
    if (await hasVectorColumn(getDb())) {
      const [v] = await getDb().$queryRaw<{ dims: number }[]>`
        SELECT vector_dims("embeddingVec") AS dims FROM "KnowledgeChunk" WHERE "documentId" = ${documentId} AND "ordinal" = 0`;
      expect(v!.dims).toBe(1536);
    }
  });
});
