// The OpenAI embedder through the real SDK against the local server: vectors in order, batches inside
// the API's limits, 429s retried, and the env deciding whether knowledge search gets it.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { parseEnv } from "../../env";
import { hashEmbedding } from "../../test/hash-embedder";
import { startFakeOpenAi, type FakeOpenAi } from "../../test/fakes/openai-http";
import { getEmbeddingProvider } from "../embeddings";
import { createOpenAiClient } from "./client";
import { createOpenAiEmbeddingProvider, embeddingBatches } from "./embeddings";

let fake: FakeOpenAi;
beforeAll(async () => {
  fake = await startFakeOpenAi();
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());

const embedCalls = () => fake.requests.filter((r) => r.path === "/v1/embeddings");

describe("OpenAI embeddings", () => {
  it("returns one 1536-dimension unit vector per text, in order, with text-embedding-3-small", async () => {
    const embedder = createOpenAiEmbeddingProvider(createOpenAiClient({ apiKey: "sk-test", baseURL: fake.url }));
    const vectors = await embedder.embed(["free parking behind the store", "refunds within 30 days"]);
    expect(vectors).toHaveLength(2);
    expect(vectors.every((v) => v.length === 1536)).toBe(true);
    expect(Math.hypot(...vectors[0]!)).toBeCloseTo(1, 5);
    // Same text, same vector as the fake computes it (float32 on the wire): the order was kept.
    expect(vectors[1]!.map((x) => Math.round(x * 1e4))).toEqual(hashEmbedding("refunds within 30 days", 1536).map((x) => Math.round(x * 1e4)));
    expect(embedCalls()[0]?.body).toMatchObject({ model: "text-embedding-3-small", input: ["free parking behind the store", "refunds within 30 days"] });
  });

  it("splits inputs by count and by estimated tokens, cuts over-long inputs, never sends an empty one", () => {
    expect(embeddingBatches(Array.from({ length: 5000 }, () => "hi")).map((b) => b.length)).toEqual([2048, 2048, 904]);
    const big = "x".repeat(3000); // ~1000 tokens each
    expect(embeddingBatches([big, big, big, big], 2048, 2500).map((b) => b.length)).toEqual([2, 2]);
    expect(embeddingBatches(["y".repeat(100_000)])[0]![0]!.length).toBeLessThan(8192 * 3);
    expect(embeddingBatches([""])).toEqual([[" "]]);
  });

  it("retries 429s with backoff (the server's retry-after) and succeeds", async () => {
    const embedder = getEmbeddingProvider(parseEnv({ OPENAI_API_KEY: "sk-test", OPENAI_BASE_URL: fake.url }));
    expect(embedder?.name).toBe("openai");
    fake.failEmbeddings(2);
    const vectors = await embedder!.embed(["a", "b", "c"]);
    expect(vectors).toHaveLength(3);
    expect(embedCalls()).toHaveLength(3); // two 429s, then the answer

    fake.failEmbeddings(9);
    await expect(embedder!.embed(["a"])).rejects.toThrow(/429/); // gives up after its retries
  });

  it("is chosen by the environment: none without a key or with EMBEDDINGS_PROVIDER=none", () => {
    expect(getEmbeddingProvider(parseEnv({}))).toBeNull();
    expect(getEmbeddingProvider(parseEnv({ OPENAI_API_KEY: "sk-test", EMBEDDINGS_PROVIDER: "none" }))).toBeNull();
    const env = parseEnv({ EMBEDDINGS_PROVIDER: "openai", OPENAI_API_KEY: "sk-test" });
    expect(getEmbeddingProvider(env)).toBe(getEmbeddingProvider(env)); // one client per process
  });
});
