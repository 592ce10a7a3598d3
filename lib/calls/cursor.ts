// The opaque cursor of the calls list: the sort it was made for and the (sort key, id) of a page's last
// row, base64url. A cursor only continues the walk it came from: with another sort or order it would
// position a different list, so that is a 422 saying so, not a silently wrong page.
import { AppError } from "../errors";
import { resourceId } from "../http/params";
import type { CallSort, SortOrder } from "./list-query";

/** The last row's sort key: startedAt (a Date), durationSec (null for a call still live) or costCents. */
export type CallSortKey = Date | number | null;
export type CallCursor = { sort: CallSort; order: SortOrder; key: CallSortKey; id: string };

const BASE64URL = /^[A-Za-z0-9_-]{1,300}$/;
const INTEGER = /^-?\d{1,15}$/;

function invalid(): AppError {
  return new AppError("VALIDATION_FAILED", "cursor: not a cursor from this list; pass next_cursor as it was returned", { field: "cursor" });
}

function keyText(c: CallCursor): string {
  if (c.key instanceof Date) return c.key.toISOString();
  return c.key === null ? "null" : String(c.key);
}

export function encodeCallCursor(c: CallCursor): string {
  return Buffer.from(`${c.sort}~${c.order}|${keyText(c)}|${c.id}`, "utf8").toString("base64url");
}

function parseKey(sort: string, text: string): CallSortKey | undefined {
  if (sort === "started_at") {
    const at = new Date(text);
    // The round trip accepts only the exact ISO form we wrote.
    return !Number.isNaN(at.getTime()) && at.toISOString() === text ? at : undefined;
  }
  if (sort === "duration" && text === "null") return null;
  if (sort === "duration" || sort === "cost") return INTEGER.test(text) ? Number(text) : undefined;
  return undefined;
}

/** Decodes a cursor for the list sorted by `sort` `order`; one made for another sort is refused. */
export function decodeCallCursor(cursor: string, sort: CallSort, order: SortOrder): CallCursor {
  if (!BASE64URL.test(cursor)) throw invalid();
  const [head = "", text = "", id = "", ...rest] = Buffer.from(cursor, "base64url").toString("utf8").split("|");
  const [madeSort = "", madeOrder = ""] = head.split("~");
  const key = parseKey(madeSort, text);
  if (rest.length > 0 || key === undefined || !["asc", "desc"].includes(madeOrder) || !resourceId.safeParse(id).success) throw invalid();
  if (madeSort !== sort || madeOrder !== order) {
    throw new AppError(
      "VALIDATION_FAILED",
      `cursor: made for the list sorted by ${madeSort} ${madeOrder}, not ${sort} ${order}; keep the sort while paging, or start again without a cursor`,
      { field: "cursor" },
    );
  }
  return { sort, order, key, id };
}
