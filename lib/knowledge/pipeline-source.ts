// The first stage's input: the bytes of a document and the format to read them as. An upload (or a
// pasted text) is read back from storage; a web page is fetched again (the page is the source of
// truth, a retry picks up its current text), kept in storage like an upload so the preview and the
// delete treat both alike, and fingerprinted so the same page imported twice is reported.
import { createHash } from "node:crypto";
import type { Readable } from "node:stream";
import type { StorageProvider } from "../providers/storage/types";
import type { ScopedDb } from "../tenant/scoped-db";
import { detectFormat } from "./formats";
import { DocumentFailure, SUPPORTED_TYPES_LABEL, type KnowledgeFormat } from "./types";
import type { UrlSafetyOptions } from "./url-safety";
import { fetchWebPage } from "./web-fetch";

export interface SourceDocument {
  id: string;
  tenantId: string;
  title: string;
  source: "UPLOAD" | "URL" | "TEXT";
  fileName: string | null;
  mimeType: string | null;
  storageKey: string | null;
  sourceUrl: string | null;
}

export interface LoadedSource {
  bytes: Uint8Array;
  format: KnowledgeFormat;
  /** Set for fetched pages: what the document row learns from the fetch. */
  fetched?: { contentHash: string; storageKey: string; mimeType: string; sizeBytes: number; finalUrl: string };
}

export const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

/** Where a fetched page is kept: beside the document's other objects, one per document. */
export const fetchedPageKey = (doc: Pick<SourceDocument, "id" | "tenantId">) => `tenants/${doc.tenantId}/knowledge/${doc.id}/page`;

async function readAll(body: Readable, signal?: AbortSignal): Promise<Uint8Array> {
  const parts: Buffer[] = [];
  for await (const part of body) {
    signal?.throwIfAborted();
    parts.push(Buffer.isBuffer(part) ? part : Buffer.from(part as Uint8Array));
  }
  return Buffer.concat(parts);
}

// No head check here: the upload route made it, and bytes that still do not match their type are a
// corrupt file, which extraction reports as such.
function formatOf(fileName: string | null, mimeType: string | null): KnowledgeFormat {
  const format = detectFormat({ fileName, mimeType });
  // The upload route refuses unknown types with a 415; a row that still has one was written by hand.
  if (!format) throw new DocumentFailure("UNSUPPORTED_TYPE", `This file type cannot be read; upload ${SUPPORTED_TYPES_LABEL}.`);
  return format;
}

const missing = () => new DocumentFailure("FILE_MISSING", "The uploaded file is no longer in storage; upload it again.");

export async function loadSource(
  doc: SourceDocument,
  deps: { storage: StorageProvider; signal?: AbortSignal; urlSafety?: UrlSafetyOptions },
): Promise<LoadedSource> {
  if (doc.source === "URL" && doc.sourceUrl) {
    const page = await fetchWebPage(doc.sourceUrl, { ...deps.urlSafety, signal: deps.signal });
    const storageKey = fetchedPageKey(doc);
    const body = Buffer.from(page.bytes.buffer, page.bytes.byteOffset, page.bytes.byteLength);
    await deps.storage.put(storageKey, body, { contentType: page.contentType, size: body.length });
    return {
      bytes: page.bytes,
      format: formatOf(null, page.contentType),
      fetched: { contentHash: sha256(page.bytes), storageKey, mimeType: page.contentType, sizeBytes: body.length, finalUrl: page.finalUrl },
    };
  }
  if (!doc.storageKey) throw missing();
  const object = await deps.storage.get(doc.storageKey);
  if (!object) throw missing();
  const bytes = await readAll(object.body, deps.signal);
  return { bytes, format: formatOf(doc.fileName, doc.mimeType ?? object.contentType) };
}

/** The title of another document of the tenant with this content, or null (duplicates are reported, not indexed twice). */
export async function findDuplicate(db: ScopedDb, documentId: string, contentHash: string): Promise<string | null> {
  const other = await db.knowledgeDocument.findFirst({ where: { contentHash, id: { not: documentId } }, select: { title: true } });
  return other?.title ?? null;
}

export const duplicateFailure = (title: string) =>
  new DocumentFailure("DUPLICATE_CONTENT", `The same content is already in the knowledge base as "${title}".`);
