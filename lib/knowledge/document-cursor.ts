// The opaque cursor of the documents list: the (createdAt, id) of a page's last row, base64url. Rows
// are ordered by createdAt desc, then id desc, so documents created in the same millisecond still page
// without duplicates or gaps. Clients must not build cursors; a malformed one is a 422.
import { AppError } from "../errors";
import { resourceId } from "../http/params";

export type DocumentCursor = { createdAt: Date; id: string };

const BASE64URL = /^[A-Za-z0-9_-]{1,200}$/;

export function encodeDocumentCursor(c: DocumentCursor): string {
  return Buffer.from(`${c.createdAt.toISOString()}|${c.id}`, "utf8").toString("base64url");
}

function invalid(): AppError {
  return new AppError("VALIDATION_FAILED", "cursor: not a cursor from this list; pass next_cursor as it was returned", { field: "cursor" });
}

export function decodeDocumentCursor(cursor: string): DocumentCursor {
  if (!BASE64URL.test(cursor)) throw invalid();
  const [iso = "", id = "", ...rest] = Buffer.from(cursor, "base64url").toString("utf8").split("|");
  const createdAt = new Date(iso);
  if (rest.length > 0 || Number.isNaN(createdAt.getTime()) || createdAt.toISOString() !== iso) throw invalid();
  if (!resourceId.safeParse(id).success) throw invalid();
  return { createdAt, id };
}
