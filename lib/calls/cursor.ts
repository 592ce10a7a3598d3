// The opaque cursor of the calls list: the (startedAt, id) of the last row of a page, base64url. Rows
// are ordered by startedAt desc, then id desc, so calls that started in the same millisecond still
// page without duplicates or gaps. Clients must not build cursors; a malformed one is a 422.
import { AppError } from "../errors";
import { resourceId } from "../http/params";

export type CallCursor = { startedAt: Date; id: string };

const BASE64URL = /^[A-Za-z0-9_-]{1,200}$/;

export function encodeCallCursor(c: CallCursor): string {
  return Buffer.from(`${c.startedAt.toISOString()}|${c.id}`, "utf8").toString("base64url");
}

function invalid(): AppError {
  return new AppError("VALIDATION_FAILED", "cursor: not a cursor from this list; pass next_cursor as it was returned", { field: "cursor" });
}

export function decodeCallCursor(cursor: string): CallCursor {
  if (!BASE64URL.test(cursor)) throw invalid();
  const [iso = "", id = "", ...rest] = Buffer.from(cursor, "base64url").toString("utf8").split("|");
  const startedAt = new Date(iso);
  // The round trip rejects anything but the exact ISO form we wrote (and invalid dates).
  if (rest.length > 0 || Number.isNaN(startedAt.getTime()) || startedAt.toISOString() !== iso) throw invalid();
  if (!resourceId.safeParse(id).success) throw invalid();
  return { startedAt, id };
}
