// The two requests the shared JSON client (components/api-client.ts) does not cover: list pages,
// whose `next_cursor` sits beside `data`, and uploads, which go through XMLHttpRequest for their
// progress events. Both turn an error body into the same ApiError the rest of the dashboard throws.
import { ApiError, COMMON_FALLBACK_MESSAGES, isRecord, apiErrorFrom as sharedApiErrorFrom } from "@/components/api-client";

/** Upload failures add to the common fallbacks; the JSON client's own (409, 422) do not apply here. */
const FALLBACK_MESSAGES: Readonly<Record<number, string>> = {
  ...COMMON_FALLBACK_MESSAGES,
  413: "The file is larger than the upload limit.",
  415: "This type of file cannot be uploaded.",
};

/** `{ error: { code, message, field? } }` → ApiError, with the upload fallbacks. */
export function apiErrorFrom(status: number, body: unknown): ApiError {
  return sharedApiErrorFrom(status, body, FALLBACK_MESSAGES);
}

export type Page<T> = { data: T[]; next_cursor: string | null };

/** Documents per page; the Knowledge page's server component reads the first one with the same size. */
export const DOCUMENTS_PAGE_SIZE = 50;

/** GET a cursor-paginated list: `{ data, next_cursor }`. */
export async function getPage<T>(path: string, signal?: AbortSignal): Promise<Page<T>> {
  let response: Response;
  try {
    response = await fetch(path, { credentials: "same-origin", cache: "no-store", headers: { Accept: "application/json" }, signal });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === "AbortError") throw cause;
    throw new ApiError(0, "NETWORK_ERROR", "Could not reach Frontdesk. Check your connection and try again.");
  }
  const json: unknown = await response.json().catch(() => null);
  if (!response.ok) throw apiErrorFrom(response.status, json);
  const data = isRecord(json) && Array.isArray(json.data) ? (json.data as T[]) : [];
  const next = isRecord(json) && typeof json.next_cursor === "string" ? json.next_cursor : null;
  return { data, next_cursor: next };
}

/** POST JSON and keep the whole body (the search answer's `tookMs` sits beside `data`). */
export async function postForBody<T>(path: string, body: unknown): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method: "POST",
      credentials: "same-origin",
      cache: "no-store",
      headers: { Accept: "application/json", "Content-Type": "application/json" },
      body: JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, "NETWORK_ERROR", "Could not reach Frontdesk. Check your connection and try again.");
  }
  const json: unknown = await response.json().catch(() => null);
  if (!response.ok) throw apiErrorFrom(response.status, json);
  return json as T;
}
