// Creating documents: uploaded files and imported web pages. Each is stored (files), written QUEUED
// with its agent assignment, and its processing job enqueued, in one transaction that also holds the
// tenant's quota lock; the worker does the rest. A stored file whose transaction fails is deleted.
// The same content twice is refused by content hash (the unique (tenantId, contentHash) index makes
// it race-safe); the same URL twice by its normalised address, checked under the quota lock.
import { newRowId } from "../db/row-id";
import { enqueueDocumentProcessing } from "../jobs/knowledge/enqueue-process-document";
import { recordAudit } from "../audit/record";
import { isUniqueViolation } from "../db/unique-violation";
import { AppError } from "../errors";
import { getLogger } from "../logger";
import { getStorage } from "../providers/storage";
import type { TenantScope } from "../tenant/scope";
import { scopedDb, type ScopedDb } from "../tenant/scoped-db";
import { resolveAssignment, writeAssignment } from "./assignment";
import { DuplicateDocumentError } from "./document-errors";
import { assertDocumentQuota } from "./document-quota";
import type { ImportInput } from "./schemas";
import { withAgentIds, type DocumentWithAgents } from "./serialize";
import type { UploadForm } from "./upload";
import { checkWebUrl, UrlRefusedError, type UrlSafetyOptions } from "./url-safety";
import { titleOfUrl } from "./url-title";

const DEFAULT_LANGUAGE = "en-US";

/** A cuid2-shaped id, chosen before the row exists because the storage key contains it. */
const newDocumentId = newRowId;

/** "Price list (2024).pdf" → "Price_list_2024_.pdf": storage keys allow [A-Za-z0-9._-] only. */
export function safeFileName(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? "";
  const safe = base.replace(/[^A-Za-z0-9._-]+/g, "_").replace(/^[._]+/, "").slice(-100);
  return safe || "file";
}

/** The title a file gets: its name without the extension. */
export function titleOf(fileName: string): string {
  const base = (fileName.split(/[\\/]/).pop() ?? fileName).trim();
  const dot = base.lastIndexOf(".");
  return (dot > 0 ? base.slice(0, dot) : base).trim().slice(0, 200) || "Untitled document";
}

async function existingWithHash(db: ScopedDb, hashes: string[]) {
  return db.knowledgeDocument.findFirst({ where: { contentHash: { in: hashes } }, select: { id: true, title: true, contentHash: true } });
}

export async function createUploadedDocuments(scope: TenantScope, form: UploadForm): Promise<DocumentWithAgents[]> {
  const db = scopedDb(scope);
  const byHash = new Map<string, string>();
  for (const f of form.files) {
    const first = byHash.get(f.sha256);
    if (first) throw new AppError("DUPLICATE_DOCUMENT", `"${f.fileName}" has the same content as "${first}" in this upload`);
    byHash.set(f.sha256, f.fileName);
  }
  // Asked before anything is stored; the unique index decides for uploads racing this one.
  const dup = await existingWithHash(db, [...byHash.keys()]);
  if (dup) throw new DuplicateDocumentError(dup, `"${byHash.get(dup.contentHash!)}"`);
  const assignment = await resolveAssignment(db, form.fields.agentIds);
  const language = form.fields.language ?? assignment.language ?? DEFAULT_LANGUAGE;

  const planned = form.files.map((file) => {
    const id = newDocumentId();
    return { id, file, storageKey: `tenants/${scope.tenantId}/knowledge/${id}/${safeFileName(file.fileName)}` };
  });
  const storage = getStorage();
  const stored: string[] = [];
  try {
    for (const p of planned) {
      await storage.put(p.storageKey, p.file.bytes, { contentType: p.file.mimeType, size: p.file.bytes.length });
      stored.push(p.storageKey);
    }
    return await db.$transaction(async (tx) => {
      await assertDocumentQuota(tx, scope, { documents: planned.length, bytes: planned.reduce((n, p) => n + p.file.bytes.length, 0) });
      const docs: DocumentWithAgents[] = [];
      for (const p of planned) {
        await tx.knowledgeDocument.create({
          data: {
            id: p.id,
            title: titleOf(p.file.fileName),
            source: "UPLOAD",
            fileName: p.file.fileName.slice(0, 255),
            mimeType: p.file.mimeType,
            sizeBytes: p.file.bytes.length,
            storageKey: p.storageKey,
            contentHash: p.file.sha256,
            language,
            allAgents: assignment.allAgents,
          },
        });
        await writeAssignment(tx, p.id, assignment);
        await recordAudit(tx, scope, "knowledge.document.upload", { type: "knowledge_document", id: p.id }, { fileName: p.file.fileName });
        docs.push(await tx.knowledgeDocument.findUniqueOrThrow({ where: { id: p.id }, include: withAgentIds }));
      }
      await enqueueDocumentProcessing(tx, scope, planned.map((p) => p.id));
      return docs;
    });
  } catch (err) {
    await Promise.all(stored.map((key) => storage.delete(key).catch((e: unknown) => getLogger("knowledge").warn({ err: e, key }, "could not delete an orphaned upload"))));
    if (isUniqueViolation(err)) {
      const winner = await existingWithHash(db, [...byHash.keys()]);
      if (winner) throw new DuplicateDocumentError(winner, `"${byHash.get(winner.contentHash!)}"`);
    }
    throw err;
  }
}

function refusal(err: unknown): unknown {
  if (!(err instanceof UrlRefusedError)) return err;
  if (err.kind === "unsafe") return new AppError("UNSAFE_URL", err.message, { field: "url" });
  return new AppError("VALIDATION_FAILED", `url: ${err.message}`, { field: "url" });
}

/** Queues a web page for import after checking that the server may fetch it (url-safety). */
export async function importWebPage(scope: TenantScope, input: ImportInput, safety: UrlSafetyOptions = {}): Promise<DocumentWithAgents> {
  const db = scopedDb(scope);
  const { url } = await checkWebUrl(input.url, safety).catch((err: unknown) => {
    throw refusal(err);
  });
  url.hash = "";
  const assignment = await resolveAssignment(db, input.agentIds);
  return db.$transaction(async (tx) => {
    await assertDocumentQuota(tx, scope, { documents: 1, bytes: 0 });
    // Under the tenant lock: a second import of the same address waits here and then finds the first.
    const same = await tx.knowledgeDocument.findFirst({ where: { sourceUrl: url.href }, select: { id: true, title: true } });
    if (same) throw new DuplicateDocumentError(same, url.href);
    const doc = await tx.knowledgeDocument.create({
      data: {
        title: input.title ?? titleOfUrl(url),
        source: "URL",
        sourceUrl: url.href,
        language: input.language ?? assignment.language ?? DEFAULT_LANGUAGE,
        allAgents: assignment.allAgents,
      },
    });
    await writeAssignment(tx, doc.id, assignment);
    await recordAudit(tx, scope, "knowledge.document.import", { type: "knowledge_document", id: doc.id }, { url: url.href });
    await enqueueDocumentProcessing(tx, scope, [doc.id]);
    return tx.knowledgeDocument.findUniqueOrThrow({ where: { id: doc.id }, include: withAgentIds });
  });
}
