// Route-param schemas for route(..., { params }). Ids are cuid2 (lowercase letters and digits); the
// pattern is a little wider so a hand-made id (seed data, imports) still resolves. Anything else
// cannot name a row, so route() answers 404 without a query.
import { z } from "zod";

export const resourceId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);

export const idParams = z.object({ id: resourceId });
export type IdParams = z.infer<typeof idParams>;
