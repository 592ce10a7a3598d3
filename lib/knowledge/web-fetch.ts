// Fetches a web page for import, in the worker. Every hop is checked by url-safety before connecting,
// and the connection is PINNED to the addresses that were checked (the socket's lookup answers with
// them instead of asking DNS again), so a name that resolves to a public address for the check and to
// 127.0.0.1 a moment later (DNS rebinding) still only reaches the public one. Redirects are followed
// by hand (at most 5, each re-checked); the whole fetch has one deadline, and the body is counted as it
// streams (after decompression) and cut at the size limit. Any failure is a DocumentFailure
// FETCH_FAILED whose sentence the Knowledge page shows.
import http from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";
import { pipeline, type Readable } from "node:stream";
import zlib from "node:zlib";
import { DocumentFailure } from "./types";
import { parseWebUrl, resolveSafeAddresses, UrlRefusedError, type ResolvedAddress, type UrlSafetyOptions } from "./url-safety";

export const WEB_FETCH_TIMEOUT_MS = 10_000;
export const WEB_FETCH_MAX_BYTES = 5 * 1024 * 1024;
const MAX_REDIRECTS = 5;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const ACCEPTED_TYPES = new Set(["text/html", "application/xhtml+xml", "text/plain", "text/markdown", "application/pdf"]);

export interface FetchWebPageOptions extends UrlSafetyOptions {
  signal?: AbortSignal;
  timeoutMs?: number;
  maxBytes?: number;
}

export interface FetchedPage {
  bytes: Uint8Array;
  /** The media type without parameters ("text/html"). */
  contentType: string;
  /** Where the page was found after redirects. */
  finalUrl: string;
}

const failure = (sentence: string) => new DocumentFailure("FETCH_FAILED", sentence);

/** A lookup that answers with the checked addresses only: the socket cannot reach anything else. */
function pinnedLookup(addresses: ResolvedAddress[]): LookupFunction {
  return ((_hostname: string, options: { all?: boolean }, callback: (...args: unknown[]) => void) => {
    if (options?.all) callback(null, addresses.map((a) => ({ address: a.address, family: a.family })));
    else callback(null, addresses[0]!.address, addresses[0]!.family);
  }) as unknown as LookupFunction;
}

function request(url: URL, addresses: ResolvedAddress[], signal: AbortSignal): Promise<http.IncomingMessage> {
  const client = url.protocol === "https:" ? https : http;
  return new Promise((resolve, reject) => {
    const req = client.request(url, {
      method: "GET",
      lookup: pinnedLookup(addresses),
      signal,
      // No keep-alive pool: a pooled socket was pinned for another check.
      agent: false,
      headers: {
        "user-agent": "FrontdeskKnowledgeImport/1.0",
        accept: "text/html,application/xhtml+xml,text/plain;q=0.9,text/markdown;q=0.9,application/pdf;q=0.8,*/*;q=0.1",
        "accept-encoding": "gzip, deflate, br",
      },
    });
    req.once("response", resolve);
    req.once("error", reject);
    req.end();
  });
}

function decoded(res: http.IncomingMessage): Readable {
  const encoding = (res.headers["content-encoding"] ?? "identity").toLowerCase().trim();
  const decoder =
    encoding === "gzip" || encoding === "x-gzip" ? zlib.createGunzip() : encoding === "deflate" ? zlib.createInflate() : encoding === "br" ? zlib.createBrotliDecompress() : null;
  if (!decoder) return res;
  return pipeline(res, decoder, () => undefined);
}

async function readCapped(res: http.IncomingMessage, maxBytes: number): Promise<Uint8Array> {
  const declared = Number(res.headers["content-length"]);
  if (Number.isFinite(declared) && declared > maxBytes) {
    res.destroy();
    throw failure(`The page is larger than ${Math.round(maxBytes / 1024 / 1024)} MB; import a smaller page or upload the content as a file`);
  }
  const body = decoded(res);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body as AsyncIterable<Buffer>) {
    size += chunk.byteLength;
    if (size > maxBytes) {
      body.destroy();
      res.destroy();
      throw failure(`The page is larger than ${Math.round(maxBytes / 1024 / 1024)} MB; import a smaller page or upload the content as a file`);
    }
    chunks.push(chunk);
  }
  return new Uint8Array(Buffer.concat(chunks));
}

function mediaType(res: http.IncomingMessage): string {
  return (res.headers["content-type"] ?? "").split(";")[0]!.trim().toLowerCase();
}

function describeError(err: unknown, url: URL, timeoutMs: number, deadline: AbortSignal, caller?: AbortSignal): Error {
  if (err instanceof DocumentFailure) return err;
  if (err instanceof UrlRefusedError) return failure(err.message);
  if (deadline.aborted && !caller?.aborted) return failure(`${url.host} did not send the page within ${timeoutMs / 1000} seconds`);
  if (caller?.aborted) return err as Error; // the worker is stopping: not the page's fault, redelivered
  const code = (err as { code?: string }).code;
  return failure(`Could not reach ${url.host}${code ? ` (${code})` : ""}; check the address and that the site is up`);
}

/** GETs `rawUrl` for import; see the header. Throws DocumentFailure FETCH_FAILED with a sentence. */
export async function fetchWebPage(rawUrl: string, opts: FetchWebPageOptions = {}): Promise<FetchedPage> {
  const timeoutMs = opts.timeoutMs ?? WEB_FETCH_TIMEOUT_MS;
  const deadline = AbortSignal.timeout(timeoutMs);
  const signal = opts.signal ? AbortSignal.any([opts.signal, deadline]) : deadline;
  let url: URL;
  try {
    url = parseWebUrl(rawUrl);
  } catch (err) {
    throw describeError(err, new URL("http://invalid"), timeoutMs, deadline, opts.signal);
  }

  for (let hop = 0; ; hop++) {
    try {
      const addresses = await resolveSafeAddresses(url, opts);
      signal.throwIfAborted();
      const res = await request(url, addresses, signal);
      const status = res.statusCode ?? 0;
      if (REDIRECTS.has(status) && res.headers.location) {
        res.resume();
        if (hop >= MAX_REDIRECTS) throw failure(`The page redirected more than ${MAX_REDIRECTS} times; import the address it finally shows in a browser`);
        url = parseWebUrl(new URL(res.headers.location, url).href);
        continue;
      }
      if (status < 200 || status > 299) {
        res.resume();
        throw failure(`${url.host} answered ${status}${res.statusMessage ? ` ${res.statusMessage}` : ""} instead of the page`);
      }
      const type = mediaType(res);
      if (!ACCEPTED_TYPES.has(type)) {
        res.destroy();
        throw failure(`The page is ${type || "of an unknown type"}, not a web page or document`);
      }
      return { bytes: await readCapped(res, opts.maxBytes ?? WEB_FETCH_MAX_BYTES), contentType: type, finalUrl: url.href };
    } catch (err) {
      throw describeError(err, url, timeoutMs, deadline, opts.signal);
    }
  }
}
