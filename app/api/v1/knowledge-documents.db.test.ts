// /api/v1/knowledge/documents through the real route handlers, session cookies, database and local
// storage (a temp folder): multipart uploads and their refusals, listing, reading with chunks,
// assignment changes, delete, retry, and the tenant wall around all of it.
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as collection from "./knowledge/documents/route";
import * as item from "./knowledge/documents/[id]/route";
import * as retry from "./knowledge/documents/[id]/retry/route";
import * as agents from "./agents/route";
import { getDb } from "@/lib/db/client";
import { replaceChunks } from "@/lib/knowledge/index-store";
import { SUPPORTED_TYPES_LABEL } from "@/lib/knowledge/types";
import { LocalStorage, setStorage } from "@/lib/providers/storage";
import { scopedDb } from "@/lib/tenant/scoped-db";
import { apiRequest, createTestTenant, json, params, unique, validAgentInput, type TestTenant } from "@/lib/test/factories";

let dir: string;
let a: TestTenant;
let b: TestTenant;
let agentA: string;
let agentA2: string;
let agentB: string;
const PATH = "/api/v1/knowledge/documents";

type Part = { name: string; content: string | Uint8Array; type?: string };

function uploadRequest(cookie: string | undefined, files: Part[], fields: Record<string, string | string[]> = {}): Request {
  const form = new FormData();
  for (const f of files) form.append("file", new Blob([f.content as BlobPart], { type: f.type ?? "" }), f.name);
  for (const [name, value] of Object.entries(fields)) for (const v of [value].flat()) form.append(name, v);
  const headers = apiRequest("POST", PATH, { cookie }).headers;
  return new Request(`http://localhost:3000${PATH}`, { method: "POST", headers, body: form });
}

async function upload(t: TestTenant, files: Part[], fields: Record<string, string | string[]> = {}) {
  return json(await collection.POST(uploadRequest(t.admin.cookie, files, fields)));
}

const txt = (content = `Opening hours ${unique()}: we open at nine.`, name = "hours.txt"): Part => ({ name, content, type: "text/plain" });

async function createAgent(t: TestTenant, name: string): Promise<string> {
  const res = await json(await agents.POST(apiRequest("POST", "/api/v1/agents", { cookie: t.admin.cookie, body: validAgentInput({ name }) })));
  return res.body.data.id;
}

async function jobsFor(name: string, key: "documentId" | "agentId", value: string | null, tenantId: string) {
  const rows = await getDb().job.findMany({ where: { name } });
  return rows.filter((j) => {
    const p = j.payload as Record<string, unknown>;
    return p.tenantId === tenantId && p[key] === value;
  });
}

const storedFiles = async () => (await readdir(path.join(dir, "storage"), { recursive: true })).filter((f) => f.endsWith(".txt") || f.endsWith(".md"));
const get = (t: TestTenant, id: string, query = "", cookie = t.user.cookie) => item.GET(apiRequest("GET", `${PATH}/${id}${query}`, { cookie }), params({ id }));

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "frontdesk-knowledge-docs-"));
  setStorage(new LocalStorage(path.join(dir, "storage")));
  [a, b] = await Promise.all([createTestTenant("Docs A"), createTestTenant("Docs B")]);
  [agentA, agentA2, agentB] = await Promise.all([createAgent(a, "A one"), createAgent(a, "A two"), createAgent(b, "B one")]);
});

afterAll(async () => {
  setStorage(undefined);
  await rm(dir, { recursive: true, force: true });
});

describe("POST /api/v1/knowledge/documents", () => {
  it("stores each file, creates QUEUED documents and enqueues their processing", async () => {
    const res = await upload(a, [txt(undefined, "Opening hours.txt"), { name: "prices.md", content: `# Prices ${unique()}\n\nA cut is $30.`, type: "text/markdown" }]);
    expect(res.status).toBe(201);
    expect(res.body.data).toHaveLength(2);
    const [first, second] = res.body.data;
    expect(first).toMatchObject({ title: "Opening hours", source: "UPLOAD", fileName: "Opening hours.txt", mimeType: "text/plain", status: "QUEUED", allAgents: true, agentIds: [], language: "en-US", chunkCount: 0 });
    expect(second).toMatchObject({ title: "prices", mimeType: "text/markdown" });
    const row = await getDb().knowledgeDocument.findUniqueOrThrow({ where: { id: first.id } });
    expect(row.storageKey).toBe(`tenants/${a.tenant.id}/knowledge/${first.id}/Opening_hours.txt`);
    expect(row.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(row.sizeBytes).toBeGreaterThan(0);
    expect(await jobsFor("knowledge.process-document", "documentId", first.id, a.tenant.id)).toHaveLength(1);
    expect(await jobsFor("knowledge.process-document", "documentId", second.id, a.tenant.id)).toHaveLength(1);
  });

  it("assigns the listed agents (repeated or comma list) and takes their language", async () => {
    const spanish = await json(await agents.POST(apiRequest("POST", "/api/v1/agents", { cookie: a.admin.cookie, body: validAgentInput({ name: "ES", language: "es-ES" }) })));
    const res = await upload(a, [txt()], { agentIds: [`${spanish.body.data.id}, ${agentA}`] });
    expect(res.status).toBe(201);
    expect(res.body.data[0]).toMatchObject({ allAgents: false, language: "es-ES" });
    expect(res.body.data[0].agentIds.sort()).toEqual([spanish.body.data.id, agentA].sort());
    const repeated = await upload(a, [txt()], { agentIds: [agentA, agentA2], language: "en-GB" });
    expect(repeated.body.data[0]).toMatchObject({ allAgents: false, language: "en-GB" });
    expect(repeated.body.data[0].agentIds.sort()).toEqual([agentA, agentA2].sort());
  });

  it("answers 404 for another tenant's agent and stores nothing", async () => {
    const before = (await storedFiles()).length;
    const res = await upload(a, [txt()], { agentIds: agentB });
    expect(res.status).toBe(404);
    expect(res.body.error).toMatchObject({ code: "NOT_FOUND", field: "agentIds" });
    expect((await storedFiles()).length).toBe(before);
  });

  it("refuses unsupported types with 415 naming the supported ones", async () => {
    const exe = await upload(a, [{ name: "setup.exe", content: "MZ\x90\x00", type: "application/octet-stream" }]);
    expect(exe.status).toBe(415);
    expect(exe.body.error.code).toBe("UNSUPPORTED_MEDIA_TYPE");
    expect(exe.body.error.message).toContain(SUPPORTED_TYPES_LABEL);
    expect(exe.body.error.message).toContain("setup.exe");
    // A .pdf that is not a PDF is refused by its first bytes.
    const fake = await upload(a, [{ name: "report.pdf", content: "just text", type: "application/pdf" }]);
    expect(fake.status).toBe(415);
  });

  it("refuses a declared body over the limit before reading it (413)", async () => {
    let pulled = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++;
        controller.enqueue(new Uint8Array(1024));
      },
    });
    const headers = uploadRequest(a.admin.cookie, []).headers;
    headers.set("content-type", "multipart/form-data; boundary=xyz");
    headers.set("content-length", String(25 * 1024 * 1024));
    const res = await json(await collection.POST(new Request(`http://localhost:3000${PATH}`, { method: "POST", headers, body, duplex: "half" } as RequestInit)));
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe("PAYLOAD_TOO_LARGE");
    expect(res.body.error.message).toMatch(/larger than 20 MB/);
    expect(pulled).toBeLessThanOrEqual(1); // the stream's first pull happens at construction, nothing is read
  });

  it("cancels a streamed upload as soon as it passes the limit (413), without a length", async () => {
    const boundary = "----knowledge-test";
    const head = new TextEncoder().encode(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.txt"\r\nContent-Type: text/plain\r\n\r\n`);
    const chunk = new Uint8Array(256 * 1024).fill(0x61);
    let sent = 0;
    let cancelled = false;
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(head);
      },
      pull(controller) {
        sent += chunk.length;
        controller.enqueue(chunk); // never ends: 413 must come from counting
      },
      cancel() {
        cancelled = true;
      },
    });
    const headers = uploadRequest(a.admin.cookie, []).headers;
    headers.set("content-type", `multipart/form-data; boundary=${boundary}`);
    const res = await json(await collection.POST(new Request(`http://localhost:3000${PATH}`, { method: "POST", headers, body, duplex: "half" } as RequestInit)));
    expect(res.status).toBe(413);
    expect(res.body.error.message).toMatch(/"big\.txt" is larger than 20 MB/);
    expect(cancelled).toBe(true);
    expect(sent).toBeLessThan(22 * 1024 * 1024);
  });

  it("reports a duplicate with the existing document, and keeps no second copy", async () => {
    const content = `Parking is free ${unique()}.`;
    const first = await upload(a, [txt(content, "parking.txt")]);
    expect(first.status).toBe(201);
    const filesBefore = (await storedFiles()).length;
    const again = await upload(a, [txt(content, "parking (1).txt")]);
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: "DUPLICATE_DOCUMENT", existing: { id: first.body.data[0].id, title: "parking" } });
    expect(again.body.error.message).toMatch(/"parking \(1\)\.txt" is already in the knowledge base as "parking"/);
    expect((await storedFiles()).length).toBe(filesBefore);
    // Another tenant may hold the same content.
    expect((await upload(b, [txt(content, "parking.txt")])).status).toBe(201);
    // The same file twice in one upload.
    const twice = await upload(a, [txt(`x ${unique()}`, "one.txt"), txt(`x`, "two.txt"), txt(`x`, "three.txt")]);
    expect(twice.status).toBe(409);
  });

  it("lets exactly one of two racing uploads of the same content through", async () => {
    const content = `Race ${unique()}`;
    const results = await Promise.all([upload(a, [txt(content, "r1.txt")]), upload(a, [txt(content, "r2.txt")])]);
    expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
    expect(await getDb().knowledgeDocument.count({ where: { tenantId: a.tenant.id, fileName: { in: ["r1.txt", "r2.txt"] } } })).toBe(1);
  });

  it("enforces the plan's document count and megabytes with a clear message", async () => {
    const q = await createTestTenant("Quota");
    await getDb().tenant.update({ where: { id: q.tenant.id }, data: { maxKnowledgeDocuments: 1, maxKnowledgeMegabytes: 1 } });
    expect((await upload(q, [txt()])).status).toBe(201);
    const over = await upload(q, [txt()]);
    expect(over.status).toBe(422);
    expect(over.body.error.code).toBe("QUOTA_EXCEEDED");
    expect(over.body.error.message).toMatch(/^Your plan allows 1 document\. Delete a document to add another\./);

    await getDb().tenant.update({ where: { id: q.tenant.id }, data: { maxKnowledgeDocuments: 10 } });
    const big = await upload(q, [{ name: "big.txt", content: "word ".repeat(300_000), type: "text/plain" }]);
    expect(big.status).toBe(422);
    expect(big.body.error.message).toMatch(/^Your plan allows 1 MB of documents; 0 MB are used and this upload needs 1\.4 MB\./);
    expect(await getDb().knowledgeDocument.count({ where: { tenantId: q.tenant.id } })).toBe(1);
    // The refused files were stored before the transaction that refused them, and deleted after it.
    expect((await storedFiles()).filter((f) => f.includes(q.tenant.id))).toHaveLength(1);
  });

  it("answers 400 BAD_MULTIPART for bodies it cannot read, 415 for other content types", async () => {
    const send = (body: string, contentType: string) => {
      const headers = uploadRequest(a.admin.cookie, []).headers;
      headers.set("content-type", contentType);
      return collection.POST(new Request(`http://localhost:3000${PATH}`, { method: "POST", headers, body })).then(json);
    };
    const noBoundary = await json(await collection.POST(new Request(`http://localhost:3000${PATH}`, { method: "POST", headers: { ...Object.fromEntries(uploadRequest(a.admin.cookie, []).headers), "content-type": "multipart/form-data; charset=utf-8" }, body: "x" })));
    expect(noBoundary.status).toBe(400);
    expect(noBoundary.body.error.code).toBe("BAD_MULTIPART");
    const truncated = await send(`--b\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\n\r\nhello`, "multipart/form-data; boundary=b");
    expect(truncated.status).toBe(400);
    expect(truncated.body.error.code).toBe("BAD_MULTIPART");
    const noFile = await send(`--b\r\nContent-Disposition: form-data; name="language"\r\n\r\nen-US\r\n--b--\r\n`, "multipart/form-data; boundary=b");
    expect(noFile.status).toBe(400);
    expect(noFile.body.error.message).toMatch(/no file/);
    const jsonBody = await send(`{"file":"x"}`, "application/json");
    expect(jsonBody.status).toBe(415);
    const badField = await upload(a, [txt()], { language: "klingon" });
    expect(badField.status).toBe(422);
    expect(badField.body.error.field).toBe("language");
  });

  it("refuses members who are not admins, and no session at all", async () => {
    expect((await collection.POST(uploadRequest(a.user.cookie, [txt()]))).status).toBe(403);
    expect((await collection.POST(uploadRequest(undefined, [txt()]))).status).toBe(401);
  });
});

describe("reading, changing and removing documents", () => {
  it("lists newest first a page at a time, filtered by status and agent, own tenant only", async () => {
    const t = await createTestTenant("List");
    const mine = await createAgent(t, "Mine");
    const shared = (await upload(t, [txt()])).body.data[0];
    const assigned = (await upload(t, [txt()], { agentIds: mine })).body.data[0];
    const other = (await upload(t, [txt()], { agentIds: await createAgent(t, "Other") })).body.data[0];
    await getDb().knowledgeDocument.update({ where: { id: other.id }, data: { status: "FAILED", errorCode: "NO_TEXT", error: "No text" } });
    const list = (query: string) => collection.GET(apiRequest("GET", `${PATH}${query}`, { cookie: t.user.cookie })).then(json);

    const page1 = await list("?limit=2");
    expect(page1.body.data.map((d: { id: string }) => d.id)).toEqual([other.id, assigned.id]);
    const page2 = await list(`?limit=2&cursor=${page1.body.next_cursor}`);
    expect(page2.body.data.map((d: { id: string }) => d.id)).toEqual([shared.id]);
    expect(page2.body.next_cursor).toBeNull();
    expect((await list("?status=FAILED")).body.data.map((d: { id: string }) => d.id)).toEqual([other.id]);
    expect((await list(`?agentId=${mine}`)).body.data.map((d: { id: string }) => d.id).sort()).toEqual([shared.id, assigned.id].sort());
    expect((await list("?cursor=nonsense!")).status).toBe(422);
    expect((await list("?status=DONE")).status).toBe(422);
  });

  it("reads one document with a page of chunks and the text preview; another tenant's id is 404", async () => {
    const doc = (await upload(a, [txt()])).body.data[0];
    const scope = { tenantId: a.tenant.id, role: "ADMIN" as const, actor: {} };
    const drafts = Array.from({ length: 5 }, (_, i) => ({ ordinal: i, heading: "Hours", page: null, text: `Chunk ${i} text.`, tokenCount: 3 }));
    await replaceChunks(scopedDb(scope), doc.id, drafts, { language: "en-US" });
    await getDb().knowledgeDocument.update({ where: { id: doc.id }, data: { status: "READY", chunkCount: 5, extractedText: "x".repeat(25_000) } });

    const plain = await json(await get(a, doc.id));
    expect(plain.status).toBe(200);
    expect(plain.body.data).toMatchObject({ id: doc.id, status: "READY", chunkCount: 5, extractedTextTruncated: true });
    expect(plain.body.data.extractedText).toHaveLength(20_000);
    expect(plain.body.data.chunks).toBeUndefined();

    const first = await json(await get(a, doc.id, "?chunks=1&chunkLimit=2"));
    expect(first.body.data.chunks.map((c: { ordinal: number }) => c.ordinal)).toEqual([0, 1]);
    expect(first.body.data.chunks[0]).toMatchObject({ heading: "Hours", page: null, text: "Chunk 0 text.", tokenCount: 3 });
    const next = await json(await get(a, doc.id, `?chunks=1&chunkLimit=2&chunkCursor=${first.body.data.next_chunk_cursor}`));
    expect(next.body.data.chunks.map((c: { ordinal: number }) => c.ordinal)).toEqual([2, 3]);
    const last = await json(await get(a, doc.id, "?chunks=1&chunkLimit=2&chunkCursor=4"));
    expect(last.body.data.next_chunk_cursor).toBeNull();

    expect((await get(b, doc.id)).status).toBe(404);
  });

  it("changes title and assignment, enqueuing vocabulary rebuilds for a ready document", async () => {
    const doc = (await upload(a, [txt()])).body.data[0];
    await getDb().knowledgeDocument.update({ where: { id: doc.id }, data: { status: "READY" } });
    const patch = (id: string, body: unknown, cookie = a.admin.cookie) => item.PATCH(apiRequest("PATCH", `${PATH}/${id}`, { cookie, body }), params({ id })).then(json);

    await getDb().job.deleteMany({ where: { id: { in: (await jobsFor("knowledge.rebuild-vocabulary", "agentId", null, a.tenant.id)).map((j) => j.id) } } });
    const res = await patch(doc.id, { title: "Hours and holidays", agentIds: [agentA2] });
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ title: "Hours and holidays", allAgents: false, agentIds: [agentA2] });
    // It was shared: every agent's vocabulary changes.
    expect(await jobsFor("knowledge.rebuild-vocabulary", "agentId", null, a.tenant.id)).toHaveLength(1);
    const back = await patch(doc.id, { allAgents: true });
    expect(back.body.data).toMatchObject({ allAgents: true, agentIds: [] });

    expect((await patch(doc.id, { agentIds: [agentB] })).status).toBe(404);
    expect((await patch(doc.id, { allAgents: false })).status).toBe(422);
    expect((await patch(doc.id, { title: "" })).status).toBe(422);
    expect((await patch(doc.id, { title: "x" }, a.user.cookie)).status).toBe(403);
    expect((await item.PATCH(apiRequest("PATCH", `${PATH}/${doc.id}`, { cookie: b.admin.cookie, body: { title: "mine" } }), params({ id: doc.id }))).status).toBe(404);
  });

  it("deletes a document with its chunks and file; another tenant's id is 404", async () => {
    const doc = (await upload(a, [txt(undefined, "to-delete.txt")])).body.data[0];
    await getDb().knowledgeDocument.update({ where: { id: doc.id }, data: { status: "READY" } });
    expect((await storedFiles()).some((f) => f.endsWith(`${doc.id}/to-delete.txt`))).toBe(true);
    const del = (t: TestTenant, cookie = t.admin.cookie) => item.DELETE(apiRequest("DELETE", `${PATH}/${doc.id}`, { cookie }), params({ id: doc.id }));

    expect((await del(b)).status).toBe(404);
    expect((await del(a, a.user.cookie)).status).toBe(403);
    // Rebuilds within a few seconds are one job: clear the pending one to see that the delete asks again.
    await getDb().job.deleteMany({ where: { id: { in: (await jobsFor("knowledge.rebuild-vocabulary", "agentId", null, a.tenant.id)).map((j) => j.id) } } });
    expect((await del(a)).status).toBe(204);
    expect((await get(a, doc.id)).status).toBe(404);
    expect(await getDb().knowledgeChunk.count({ where: { documentId: doc.id } })).toBe(0);
    expect((await storedFiles()).some((f) => f.includes(doc.id))).toBe(false);
    expect(await jobsFor("knowledge.rebuild-vocabulary", "agentId", null, a.tenant.id)).toHaveLength(1);
    expect((await del(a)).status).toBe(404);
  });

  it("retries a failed or stuck document, not a ready or freshly processing one", async () => {
    const doc = (await upload(a, [txt()])).body.data[0];
    const send = (t: TestTenant, cookie = t.admin.cookie) => retry.POST(apiRequest("POST", `${PATH}/${doc.id}/retry`, { cookie }), params({ id: doc.id })).then(json);
    const set = (data: Record<string, unknown>) => getDb().knowledgeDocument.update({ where: { id: doc.id }, data });
    const jobs = () => jobsFor("knowledge.process-document", "documentId", doc.id, a.tenant.id).then((j) => j.length);

    await set({ status: "FAILED", errorCode: "CORRUPT_FILE", error: "The file is damaged" });
    expect((await send(a, a.user.cookie)).status).toBe(403);
    expect((await send(b)).status).toBe(404);
    const ok = await send(a);
    expect(ok.status).toBe(200);
    expect(ok.body.data).toMatchObject({ status: "QUEUED", errorCode: null, error: null });
    expect(await jobs()).toBe(2);

    const queued = await send(a);
    expect(queued.status).toBe(409);
    expect(queued.body.error).toMatchObject({ code: "NOT_RETRYABLE", message: "This document cannot be retried: it is already queued" });
    await set({ status: "EXTRACTING", processingStartedAt: new Date() });
    expect((await send(a)).body.error.message).toMatch(/being processed right now/);
    await set({ status: "CHUNKING", processingStartedAt: new Date(Date.now() - 11 * 60_000) });
    expect((await send(a)).status).toBe(200);
    expect(await jobs()).toBe(3);
    await set({ status: "READY", processingStartedAt: null });
    expect((await send(a)).body.error).toMatchObject({ code: "NOT_RETRYABLE", message: "This document cannot be retried: it is ready" });
  });
});
