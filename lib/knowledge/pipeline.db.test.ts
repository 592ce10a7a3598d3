// The processing pipeline end to end on the database: stages, chunks and counts of a good document,
// every failure path (marked FAILED with its code, nothing thrown at the queue, other documents
// untouched), duplicate pages, and the recovery rules: a stale run reclaimed without mixing chunk
// sets, two runs racing for one document, the queue's retries ending in PROCESSING_FAILED.
import { createServer, type Server } from "node:http";
import { mkdtemp, rm } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb, type Db } from "../db/client";
import { runProcessDocument } from "../jobs/knowledge/process-document";
import { LocalStorage } from "../providers/storage/local";
import type { StorageProvider } from "../providers/storage/types";
import { createTestTenant, unique } from "../test/factories";
import { makeEncryptedPdf, makePdf, makeScannedPdf, utf8 } from "../test/fixtures/knowledge";
import { createHashEmbedder } from "../test/hash-embedder";
import { systemScope } from "../tenant/system-scope";
import type { TenantScope } from "../tenant/scope";
import { PROCESSING_FAILED_MESSAGE, processDocument, STALE_PROCESSING_MS } from "./pipeline";
import { sha256 } from "./pipeline-source";

const GUIDE = `# Returns policy

## Damaged items

If your parcel arrives damaged, send us a photo within 14 days and we replace the item free of charge.

## Refunds

Refunds reach your card within five working days after the returned item is checked by our warehouse team.
`;

let scope: TenantScope;
let tenantId: string;
let storage: LocalStorage;
let root: string;

beforeAll(async () => {
  const t = await createTestTenant("Pipeline Shop");
  tenantId = t.tenant.id;
  scope = systemScope(tenantId, { reason: "worker:knowledge" });
  root = await mkdtemp(path.join(tmpdir(), "kb-pipeline-"));
  storage = new LocalStorage(root);
});
afterAll(() => rm(root, { recursive: true, force: true }));

async function addDocument(bytes: Uint8Array, fileName: string, mimeType: string, opts: { store?: boolean } = {}) {
  const id = `doc${unique()}${unique()}`;
  const storageKey = `tenants/${tenantId}/knowledge/${id}/${fileName}`;
  if (opts.store !== false) await storage.put(storageKey, Buffer.from(bytes), { contentType: mimeType });
  return getDb().knowledgeDocument.create({
    data: { id, tenantId, title: fileName, source: "UPLOAD", fileName, mimeType, sizeBytes: bytes.length, storageKey, contentHash: sha256(bytes) },
  });
}

const docRow = (id: string) => getDb().knowledgeDocument.findUniqueOrThrow({ where: { id } });
const chunksOf = (id: string) => getDb().knowledgeChunk.findMany({ where: { documentId: id }, orderBy: { ordinal: "asc" } });

/** The test database's client, recording every status the pipeline writes to documents. */
function recordingDb(statuses: string[]): Db {
  return getDb().$extends({
    query: {
      knowledgeDocument: {
        async updateMany({ args, query }) {
          const result = await query(args);
          const status = (args.data as { status?: string }).status;
          if (status && result.count > 0) statuses.push(status);
          return result;
        },
        async updateManyAndReturn({ args, query }) {
          const result = await query(args);
          const status = (args.data as { status?: string }).status;
          if (status && result.length > 0) statuses.push(status);
          return result;
        },
      },
    },
  }) as unknown as Db;
}

describe("processDocument", () => {
  it("takes a document through extracting, chunking and indexing to READY with its chunks and counts", async () => {
    const doc = await addDocument(utf8(GUIDE), "returns.md", "text/markdown");
    const statuses: string[] = [];
    const embedder = createHashEmbedder();
    expect(await processDocument(scope, doc.id, { storage, embedder, db: recordingDb(statuses) })).toBe("ready");
    expect(statuses).toEqual(["EXTRACTING", "CHUNKING", "INDEXING", "READY"]);
    expect(embedder.calls).toBeGreaterThan(0);

    const row = await docRow(doc.id);
    const chunks = await chunksOf(doc.id);
    expect(row).toMatchObject({ status: "READY", attempts: 1, errorCode: null, error: null, chunkCount: chunks.length });
    expect(row.processedAt).toBeInstanceOf(Date);
    expect(row.charCount).toBeGreaterThan(100);
    expect(row.extractedText).toContain("send us a photo within 14 days");
    expect(chunks.length).toBeGreaterThan(0);
    const damaged = chunks.find((c) => c.text.includes("photo within 14 days"));
    expect(damaged?.heading).toBe("Returns policy › Damaged items");
    expect(chunks.every((c) => c.page === null && c.embedding.length === embedder.dimensions)).toBe(true);

    // The vocabulary of every agent (a shared document) is rebuilt, asked for in the READY transaction.
    const jobs = await getDb().$queryRaw<{ agentId: string | null }[]>`
      SELECT payload->>'agentId' AS "agentId" FROM "Job" WHERE name = 'knowledge.rebuild-vocabulary' AND payload->>'tenantId' = ${tenantId}`;
    expect(jobs).toContainEqual({ agentId: null });

    // A rerun of a READY document (a redelivered job) does nothing.
    expect(await processDocument(scope, doc.id, { storage })).toBe("skipped");
    expect((await docRow(doc.id)).attempts).toBe(1);
  });

  it("keeps the page of each chunk of a PDF and its page count", async () => {
    const pdf = makePdf([
      { lines: [{ text: "Opening hours", size: 20 }, { text: "We open at eight in the morning on weekdays." }] },
      { lines: [{ text: "Parking", size: 20 }, { text: "Free parking is behind the building on Maple Avenue." }] },
    ]);
    const doc = await addDocument(pdf, "guide.pdf", "application/pdf");
    expect(await processDocument(scope, doc.id, { storage })).toBe("ready");
    const row = await docRow(doc.id);
    expect(row.pageCount).toBe(2);
    const parking = (await chunksOf(doc.id)).find((c) => c.text.includes("Maple Avenue"));
    expect(parking?.page).toBe(2);
  });

  it.each([
    ["a corrupt PDF", () => utf8("%PDF-1.7\n1 0 obj << /Type /Catalog >>\ngarbage that is not a PDF"), "bad.pdf", "application/pdf", "CORRUPT_FILE", /could not be read/],
    ["an encrypted PDF", () => makeEncryptedPdf(), "locked.pdf", "application/pdf", "ENCRYPTED_PDF", /password/],
    ["a scanned PDF without text", () => makeScannedPdf(), "scan.pdf", "application/pdf", "NO_TEXT", /scanned/],
    ["an empty text file", () => utf8("   \n\n  \n"), "empty.txt", "text/plain", "EMPTY_DOCUMENT", /empty/],
  ])("marks %s FAILED with its code, without throwing at the queue", async (_label, bytes, fileName, mime, code, sentence) => {
    const good = await addDocument(utf8(`# Good ${unique()}\n\nThis document stays ready whatever happens to the others.`), `good-${unique()}.md`, "text/markdown");
    expect(await processDocument(scope, good.id, { storage })).toBe("ready");
    const doc = await addDocument(bytes(), fileName, mime);
    // Through the job handler: it resolves, so the queue records success and does not retry a bad file.
    await runProcessDocument({ tenantId, documentId: doc.id }, jobContext(1), handlerDeps());
    const row = await docRow(doc.id);
    expect(row).toMatchObject({ status: "FAILED", errorCode: code, chunkCount: 0 });
    expect(row.error).toMatch(sentence);
    expect(await chunksOf(doc.id)).toEqual([]);
    expect((await docRow(good.id)).status).toBe("READY");
    expect((await chunksOf(good.id)).length).toBeGreaterThan(0);
  });

  it("marks a document whose file left storage FAILED with FILE_MISSING", async () => {
    const doc = await addDocument(utf8("# Gone\n\nNever stored."), "gone.md", "text/markdown", { store: false });
    expect(await processDocument(scope, doc.id, { storage })).toBe("failed");
    expect(await docRow(doc.id)).toMatchObject({ status: "FAILED", errorCode: "FILE_MISSING" });
  });

  it("skips a document that does not exist or belongs to another tenant", async () => {
    const other = await createTestTenant("Other Shop");
    const doc = await addDocument(utf8(`# Mine ${unique()}\n\nA fact.`), "mine.md", "text/markdown");
    const otherScope = systemScope(other.tenant.id, { reason: "worker:knowledge" });
    expect(await processDocument(otherScope, doc.id, { storage })).toBe("skipped");
    expect(await processDocument(scope, "nosuchdocument0000000000", { storage })).toBe("skipped");
    expect((await docRow(doc.id)).status).toBe("QUEUED");
  });
});

function jobContext(attempt: number) {
  return { id: `job-${unique()}`, name: "knowledge.process-document", attempt, signal: new AbortController().signal };
}

function handlerDeps(over: { storage?: StorageProvider } = {}) {
  const enqueued: unknown[] = [];
  const queue = { enqueue: async (...args: unknown[]) => (enqueued.push(args), { id: "x", deduplicated: false }) };
  return { db: getDb(), logger: silentLogger, queue, storage: over.storage ?? storage, embedder: null, enqueued };
}

const silentLogger = pino({ level: "silent" });

/** The test storage with some of its methods replaced. */
function storageWith(over: Partial<StorageProvider>): StorageProvider {
  return {
    name: "wrapped",
    put: (k, b, o) => storage.put(k, b, o),
    get: (k, r) => storage.get(k, r),
    exists: (k) => storage.exists(k),
    delete: (k) => storage.delete(k),
    ...over,
  };
}

describe("web pages", () => {
  let server: Server;
  let base: string;
  const pages: Record<string, string> = {};
  beforeAll(async () => {
    server = createServer((req, res) => {
      const body = pages[req.url ?? ""];
      if (body === undefined) return void res.writeHead(404).end();
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(body);
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  const addPage = (p: string) =>
    getDb().knowledgeDocument.create({ data: { tenantId, title: `127.0.0.1${p}`, source: "URL", sourceUrl: `${base}${p}` } });

  it("fetches, stores and fingerprints a page, takes its title, and reports the same page imported twice", async () => {
    const html = `<html><head><title>Delivery times ${unique()}</title></head><body><h1>Delivery</h1><p>Orders placed before noon ship the same day from our warehouse.</p></body></html>`;
    pages["/delivery"] = html;
    pages["/delivery-copy"] = html;
    const first = await addPage("/delivery");
    const opts = { storage, urlSafety: { allowPrivate: true } };
    expect(await processDocument(scope, first.id, opts)).toBe("ready");
    const row = await docRow(first.id);
    expect(row.title).toMatch(/^Delivery times/);
    expect(row.contentHash).toBe(sha256(utf8(html)));
    expect(await storage.exists(row.storageKey!)).toBe(true);

    const copy = await addPage("/delivery-copy");
    expect(await processDocument(scope, copy.id, opts)).toBe("failed");
    const failed = await docRow(copy.id);
    expect(failed.errorCode).toBe("DUPLICATE_CONTENT");
    expect(failed.error).toContain(row.title);
  });

  it("fails a page that would take the workspace past its plan's megabytes (known only once fetched)", async () => {
    const small = await createTestTenant("Small Plan Shop");
    await getDb().tenant.update({ where: { id: small.tenant.id }, data: { maxKnowledgeMegabytes: 1 } });
    const smallScope = systemScope(small.tenant.id, { reason: "worker:knowledge" });
    // Already stored: 1 MB less 100 bytes. The page below is a few hundred bytes.
    await getDb().knowledgeDocument.create({
      data: { tenantId: small.tenant.id, title: "big.pdf", source: "UPLOAD", sizeBytes: 1024 * 1024 - 100, status: "READY" },
    });
    pages["/opening"] = `<html><head><title>Opening ${unique()}</title></head><body><p>We open at nine every weekday and close at six in the evening.</p></body></html>`;
    const doc = await getDb().knowledgeDocument.create({
      data: { tenantId: small.tenant.id, title: `127.0.0.1/opening`, source: "URL", sourceUrl: `${base}/opening` },
    });
    expect(await processDocument(smallScope, doc.id, { storage, urlSafety: { allowPrivate: true } })).toBe("failed");
    const row = await docRow(doc.id);
    expect(row).toMatchObject({ status: "FAILED", errorCode: "QUOTA_EXCEEDED", chunkCount: 0 });
    expect(row.error).toMatch(/your plan allows 1 MB of documents, of which 1 MB are used/);
  });

  it("marks a page that cannot be fetched FAILED with FETCH_FAILED", async () => {
    const doc = await addPage("/missing");
    expect(await processDocument(scope, doc.id, { storage, urlSafety: { allowPrivate: true } })).toBe("failed");
    expect((await docRow(doc.id)).errorCode).toBe("FETCH_FAILED");
  });
});

describe("recovery", () => {
  it("reclaims a run killed mid-indexing once stale: old chunks stay until the new set replaces them whole", async () => {
    const v1 = utf8(`# Prices ${unique()}\n\nA cleaning costs 90 dollars in the old price list.`);
    const doc = await addDocument(v1, "prices.md", "text/markdown");
    expect(await processDocument(scope, doc.id, { storage })).toBe("ready");
    const before = await chunksOf(doc.id);

    // A rerun that was killed after its claim: status INDEXING, chunks of the previous run intact.
    const v2 = `# Prices\n\nA cleaning costs 120 dollars in the new price list.\n\n## Whitening\n\nWhitening costs 300 dollars.`;
    await storage.put(doc.storageKey!, Buffer.from(v2), { contentType: "text/markdown" });
    const killedAt = new Date();
    await getDb().knowledgeDocument.update({ where: { id: doc.id }, data: { status: "INDEXING", processingStartedAt: killedAt } });
    // Not stale yet: the run may still be alive, so nobody takes the document over.
    expect(await processDocument(scope, doc.id, { storage })).toBe("skipped");
    expect((await chunksOf(doc.id)).map((c) => c.text)).toEqual(before.map((c) => c.text));

    // The handler that found it held schedules one check for when the claim turns stale.
    const deps = handlerDeps();
    await runProcessDocument({ tenantId, documentId: doc.id }, jobContext(1), deps);
    expect(deps.enqueued).toHaveLength(1);
    const [, , opts] = deps.enqueued[0] as [unknown, unknown, { delayMs: number; idempotencyKey: string }];
    expect(opts.delayMs).toBeGreaterThan(STALE_PROCESSING_MS - 60_000);

    await getDb().knowledgeDocument.update({ where: { id: doc.id }, data: { processingStartedAt: new Date(killedAt.getTime() - STALE_PROCESSING_MS - 1) } });
    expect(await processDocument(scope, doc.id, { storage })).toBe("ready");
    const texts = (await chunksOf(doc.id)).map((c) => c.text).join("\n");
    expect(texts).toContain("120 dollars");
    expect(texts).not.toContain("90 dollars");
    expect(await docRow(doc.id)).toMatchObject({ status: "READY", attempts: 2, chunkCount: (await chunksOf(doc.id)).length });
  });

  it("lets one of two concurrent runs claim a document", async () => {
    const doc = await addDocument(utf8(`# Race ${unique()}\n\nOnly one run indexes this document.`), "race.md", "text/markdown");
    const outcomes = await Promise.all([processDocument(scope, doc.id, { storage }), processDocument(scope, doc.id, { storage })]);
    expect(outcomes.sort()).toEqual(["ready", "skipped"]);
    const row = await docRow(doc.id);
    expect(row.attempts).toBe(1);
    expect(await chunksOf(doc.id)).toHaveLength(row.chunkCount);
  });

  it("hands an unexpected error back to the queue, and fails the document with PROCESSING_FAILED on the last attempt", async () => {
    const doc = await addDocument(utf8(`# Flaky ${unique()}\n\nStorage is down.`), "flaky.md", "text/markdown");
    const broken = storageWith({ get: () => Promise.reject(new Error("storage unavailable")) });
    await expect(runProcessDocument({ tenantId, documentId: doc.id }, jobContext(1), handlerDeps({ storage: broken }))).rejects.toThrow("storage unavailable");
    expect(await docRow(doc.id)).toMatchObject({ status: "QUEUED", attempts: 1, errorCode: null });

    await runProcessDocument({ tenantId, documentId: doc.id }, jobContext(3), handlerDeps({ storage: broken }));
    const row = await docRow(doc.id);
    expect(row).toMatchObject({ status: "FAILED", errorCode: "PROCESSING_FAILED", error: PROCESSING_FAILED_MESSAGE, attempts: 2 });

    // The retry endpoint re-queues it; with storage back it is indexed.
    await getDb().knowledgeDocument.update({ where: { id: doc.id }, data: { status: "QUEUED" } });
    expect(await processDocument(scope, doc.id, { storage })).toBe("ready");
  });

  it("stops without touching the document when its job is aborted", async () => {
    const doc = await addDocument(utf8(`# Aborted ${unique()}\n\nThe worker lost this job.`), "aborted.md", "text/markdown");
    const controller = new AbortController();
    const slow = storageWith({
      get: async (key) => {
        controller.abort(new Error("lock lost"));
        return storage.get(key);
      },
    });
    await expect(processDocument(scope, doc.id, { storage: slow, signal: controller.signal })).rejects.toThrow("lock lost");
    expect(await docRow(doc.id)).toMatchObject({ status: "EXTRACTING", chunkCount: 0 });
  });
});
