// Reads a JSON request body (size-capped, see read-body.ts) and validates it with a zod schema.
import type { z } from "zod";
import { AppError } from "../errors";
import { readBodyText } from "./read-body";

// `application/json` or a structured `+json` type (application/merge-patch+json), nothing that
// merely starts with the letters (`application/jsonfoo`).
const JSON_ESSENCE = /^application\/(?:json|[a-z0-9!#$&^_.-]+\+json)$/;

/** True for a JSON media type, with optional parameters; a charset, when given, must be UTF-8. */
export function isJsonContentType(header: string | null): boolean {
  if (!header) return false;
  const [essence = "", ...params] = header.split(";");
  if (!JSON_ESSENCE.test(essence.trim().toLowerCase())) return false;
  return params.every((param) => {
    const [name = "", value = ""] = param.split("=");
    if (name.trim().toLowerCase() !== "charset") return true;
    return /^"?utf-8"?$/i.test(value.trim());
  });
}

export async function readJson<S extends z.ZodType>(req: Request, schema: S): Promise<z.infer<S>> {
  if (!isJsonContentType(req.headers.get("content-type"))) {
    throw new AppError("UNSUPPORTED_MEDIA_TYPE", "Send the body as application/json");
  }
  const text = await readBodyText(req);
  let body: unknown;
  try {
    body = text === "" ? {} : JSON.parse(text);
  } catch {
    throw new AppError("VALIDATION_FAILED", "Request body is not valid JSON");
  }
  return schema.parse(body);
}
