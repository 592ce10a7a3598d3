// The opaque cursor of the documents list: the (createdAt, id) of a page's last row (rows ordered by
// createdAt desc, then id desc). The codec and its 422 for a malformed cursor: lib/http/cursor.ts.
import { keysetCursor, type KeysetCursor } from "../http/cursor";

export type DocumentCursor = KeysetCursor<"createdAt">;

const codec = keysetCursor("createdAt");
export const encodeDocumentCursor = codec.encode;
export const decodeDocumentCursor = codec.decode;
