// Reads a URL's query string and validates it with a zod schema, as strictly as readJson reads a body:
// a parameter given twice or carrying control characters is a 422 naming it (last-one-wins would
// silently drop a filter), and the schema decides about unknown keys (z.strictObject names them).
import type { z } from "zod";
import { AppError } from "../errors";
import { hasForbiddenCharacters } from "./text";

export function readQuery<S extends z.ZodType>(req: Request, schema: S): z.infer<S> {
  const params = new URL(req.url).searchParams;
  const raw: Record<string, string> = {};
  for (const [name, value] of params) {
    if (name in raw) throw new AppError("VALIDATION_FAILED", `${name}: give this parameter once`, { field: name });
    if (hasForbiddenCharacters(value) || hasForbiddenCharacters(name)) {
      throw new AppError("VALIDATION_FAILED", `${name}: must not contain control characters (such as NUL)`, { field: name });
    }
    raw[name] = value;
  }
  return schema.parse(raw);
}
