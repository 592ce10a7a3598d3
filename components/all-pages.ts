// Reads every page of a cursor-paged /api/v1 list (`{ data, next_cursor }`) for screens that show the
// whole list (agents and numbers, both capped by the plan). Pages of 100, the API's largest.
import { apiErrorFrom, isRecord } from "./api-client";

const MAX_PAGES = 50;

export async function getAllPages<T>(path: string, signal?: AbortSignal): Promise<T[]> {
  const rows: T[] = [];
  let cursor: string | null = null;
  for (let i = 0; i < MAX_PAGES; i++) {
    const url = new URL(path, "http://x");
    url.searchParams.set("limit", "100");
    if (cursor) url.searchParams.set("cursor", cursor);
    const res = await fetch(`${url.pathname}${url.search}`, { credentials: "same-origin", cache: "no-store", headers: { Accept: "application/json" }, signal });
    const json: unknown = await res.json().catch(() => null);
    if (!res.ok || !isRecord(json) || !Array.isArray(json.data)) throw apiErrorFrom(res.status, json);
    rows.push(...(json.data as T[]));
    cursor = typeof json.next_cursor === "string" ? json.next_cursor : null;
    if (!cursor) break;
  }
  return rows;
}
