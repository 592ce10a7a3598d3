// A document ingested with the OpenAI embedder (the real SDK against the local server, one 429 on the
// way) and found again by hybrid search, where the database has pgvector (always on PGlite).
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../db/client";
import { parseEnv } from "../../env";
import { processDocument } from "../../knowledge/pipeline";
import { sha256 } from "../../knowledge/pipeline-source";
import { searchDocuments } from "../../knowledge/search";
import { hasVectorColumn } from "../../knowledge/vector-support";
import { createTestTenant, unique } from "../../test/factories";
import { startFakeOpenAi, type FakeOpenAi } from "../../test/fakes/openai-http";
import { utf8 } from "../../test/fixtures/knowledge";
import { systemScope } from "../../tenant/system-scope";
import { LocalStorage } from "../storage/local";
import { getEmbeddingProvider } from "../embeddings";

const GUIDE = `# Visiting us

## Parking

Customers park free of charge in the garage on Elm Street behind the store.

## Deliveries

Pallets arrive by truck on weekday mornings through the loading dock.
`;

let fake: FakeOpenAi;
let root: string;
beforeAll(async () => {
  fake = await startFakeOpenAi();
  root = await mkdtemp(path.join(tmpdir(), "kb-openai-"));
});
afterAll(async () => {
  await fake.close();
  await rm(root, { recursive: true, force: true });
});

describe("knowledge with the OpenAI embedder", async () => {
  const vectors = await hasVectorColumn(getDb());

  it("has pgvector on PGlite", () => {
    if (process.env.TEST_DB_KIND === "pglite") expect(vectors).toBe(true);
  });

  it.skipIf(!vectors)("ingests a document through the OpenAI embeddings API and finds it with hybrid search", async () => {
    const embedder = getEmbeddingProvider(parseEnv({ EMBEDDINGS_PROVIDER: "openai", OPENAI_API_KEY: "sk-test", OPENAI_BASE_URL: fake.url }));
    expect(embedder?.model).toBe("text-embedding-3-small");
    const { tenant } = await createTestTenant("OpenAI Embeddings");
    const scope = systemScope(tenant.id, { reason: "worker:knowledge" });
    const storage = new LocalStorage(root);
    const bytes = utf8(GUIDE);
    const id = `doc${unique()}${unique()}`;
    const storageKey = `tenants/${tenant.id}/knowledge/${id}/visiting.md`;
    await storage.put(storageKey, Buffer.from(bytes), { contentType: "text/markdown" });
    await getDb().knowledgeDocument.create({
      data: { id, tenantId: tenant.id, title: "Visiting us", source: "UPLOAD", fileName: "visiting.md", mimeType: "text/markdown", sizeBytes: bytes.length, storageKey, contentHash: sha256(bytes) },
    });

    fake.failEmbeddings(1); // a rate limit during indexing is retried, not a FAILED document
    expect(await processDocument(scope, id, { storage, embedder })).toBe("ready");
    const embedRequests = fake.requests.filter((r) => r.path === "/v1/embeddings");
    expect(embedRequests.length).toBe(2);
    expect(embedRequests[1]?.body.input).toEqual(expect.arrayContaining([expect.stringContaining("garage on Elm Street")]));

    const near = await searchDocuments(scope, { query: "pallets truck loading dock", mode: "vector" }, { embedder });
    expect(near[0]).toMatchObject({ title: "Visiting us", heading: "Visiting us › Deliveries" });
    const hybrid = await searchDocuments(scope, { query: "where do I park", mode: "hybrid" }, { embedder });
    expect(hybrid[0]?.text).toContain("garage on Elm Street");
  });
});
