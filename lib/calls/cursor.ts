// The opaque cursor of the calls list: the (startedAt, id) of the last row of a page (rows ordered by
// startedAt desc, then id desc). The codec and its 422 for a malformed cursor: lib/http/cursor.ts.
import { keysetCursor, type KeysetCursor } from "../http/cursor";

export type CallCursor = KeysetCursor<"startedAt">;

const codec = keysetCursor("startedAt");
export const encodeCallCursor = codec.encode;
export const decodeCallCursor = codec.decode;
