// The one place that recognises a unique-constraint violation (Prisma P2002) and which columns it was
// on. Prisma's own engine reports `meta.target` (field names or the index name); the driver adapters
// (adapter-pg, PGlite) report `meta.driverAdapterError.cause.constraint` with `fields` or `index`.
import { driverAdapterCause, prismaErrorMeta } from "./prisma-error";

type ConstraintInfo = { fields?: string[]; index?: string; model?: string };

function constraintOf(err: unknown): ConstraintInfo {
  const meta = prismaErrorMeta(err);
  const constraint = driverAdapterCause(err)?.constraint ?? {};
  const target = meta.target;
  const fields = Array.isArray(target) ? target : Array.isArray(constraint.fields) ? constraint.fields : undefined;
  const index = typeof target === "string" ? target : typeof constraint.index === "string" ? constraint.index : undefined;
  const model = typeof meta.modelName === "string" ? meta.modelName : undefined;
  return { fields: fields?.map(String), index, model };
}

/**
 * True when `err` is a unique violation; with `fields`, only when it is on exactly that constraint
 * (Prisma names it `<Model>_<field>_<field>_key`). When the error does not say which constraint, a
 * question about specific fields answers false, so the caller falls back to a generic CONFLICT
 * rather than naming the wrong field.
 */
export function isUniqueViolation(err: unknown, fields?: readonly string[]): boolean {
  if ((err as { code?: unknown } | null)?.code !== "P2002") return false;
  if (!fields) return true;
  const info = constraintOf(err);
  if (info.fields) return info.fields.length === fields.length && fields.every((f) => info.fields!.includes(f));
  if (info.index) {
    const suffix = `_${fields.join("_")}_key`;
    return info.model ? info.index === `${info.model}${suffix}` : info.index.endsWith(suffix);
  }
  return false;
}
