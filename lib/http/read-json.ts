// Reads a JSON request body with a size cap, and validates it with a zod schema.
import type { z } from "zod";
import { AppError } from "../errors";

const MAX_BODY_BYTES = 1_000_000;

export async function readJson<S extends z.ZodType>(req: Request, schema: S): Promise<z.infer<S>> {
  const type = req.headers.get("content-type") ?? "";
  if (!type.toLowerCase().startsWith("application/json")) {
    throw new AppError("UNSUPPORTED_MEDIA_TYPE", "Send the body as application/json");
  }
  const text = await req.text();
  if (Buffer.byteLength(text) > MAX_BODY_BYTES) throw new AppError("PAYLOAD_TOO_LARGE", "Request body is too large");
  let body: unknown;
  try {
    body = text === "" ? {} : JSON.parse(text);
  } catch {
    throw new AppError("VALIDATION_FAILED", "Request body is not valid JSON");
  }
  return schema.parse(body);
}
