// The opaque cursor of the messages list: the (createdAt, id) of a page's last row (rows ordered by
// createdAt desc, then id desc). The codec and its 422 for a malformed cursor: lib/http/cursor.ts.
import { keysetCursor, type KeysetCursor } from "../http/cursor";

export type MessageCursor = KeysetCursor<"createdAt">;

const codec = keysetCursor("createdAt");
export const encodeMessageCursor = codec.encode;
export const decodeMessageCursor = codec.decode;
