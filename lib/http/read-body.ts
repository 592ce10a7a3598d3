// Reads a request body as UTF-8 text without ever holding more than `limit` bytes: a declared
// Content-Length over the limit is refused before reading anything, and a body without one (chunked)
// or with a lying one is read chunk by chunk and cancelled as soon as it passes the limit.
import { AppError } from "../errors";

export const MAX_BODY_BYTES = 1_000_000;

const tooLarge = (limit: number) =>
  new AppError("PAYLOAD_TOO_LARGE", `Request body is too large (at most ${Math.floor(limit / 1000)} kB)`);

export async function readBodyText(req: Request, limit = MAX_BODY_BYTES): Promise<string> {
  const declared = req.headers.get("content-length");
  if (declared !== null && /^\d+$/.test(declared.trim()) && Number(declared) > limit) throw tooLarge(limit);
  if (!req.body) return "";

  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      // Stop the upload here: the rest of the body is never pulled from the socket.
      await reader.cancel().catch(() => undefined);
      throw tooLarge(limit);
    }
    chunks.push(value);
  }
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(Buffer.concat(chunks));
  } catch {
    throw new AppError("VALIDATION_FAILED", "Request body is not valid UTF-8");
  }
}
