// The opaque cursor of a list API paged by keyset: the (timestamp, id) of a page's last row, base64url.
// Rows are ordered by the timestamp desc, then id desc, so rows stamped in the same millisecond still
// page without duplicates or gaps. Clients must not build cursors; a malformed one is a 422. Each list
// names its timestamp column (knowledge documents: createdAt; the calls list has its own sorts, lib/calls/cursor.ts).
import { AppError } from "../errors";
import { resourceId } from "./params";

export type KeysetCursor<K extends string> = { [P in K]: Date } & { id: string };

const BASE64URL = /^[A-Za-z0-9_-]{1,200}$/;

function invalid(): AppError {
  return new AppError("VALIDATION_FAILED", "cursor: not a cursor from this list; pass next_cursor as it was returned", { field: "cursor" });
}

/** The encode/decode pair of a list whose rows are ordered by `field` (a Date), then id. */
export function keysetCursor<K extends string>(field: K) {
  return {
    encode(c: KeysetCursor<K>): string {
      return Buffer.from(`${c[field].toISOString()}|${c.id}`, "utf8").toString("base64url");
    },
    decode(cursor: string): KeysetCursor<K> {
      if (!BASE64URL.test(cursor)) throw invalid();
      const [iso = "", id = "", ...rest] = Buffer.from(cursor, "base64url").toString("utf8").split("|");
      const at = new Date(iso);
      // The round trip rejects anything but the exact ISO form we wrote (and invalid dates).
      if (rest.length > 0 || Number.isNaN(at.getTime()) || at.toISOString() !== iso) throw invalid();
      if (!resourceId.safeParse(id).success) throw invalid();
      return { [field]: at, id } as KeysetCursor<K>;
    },
  };
}
