// A foreign-key violation that reaches a handler means a request linked a row to a parent this tenant
// does not have: another tenant's agent (refused by the "<Child>_<col>_tenant_fkey" constraints) or an
// id that never existed. Either way it is "not found", naming the field, like a scoped lookup would say.
// Services check links through scopedDb first; this is the backstop for a link they did not check.
import { AppError } from "../errors";
import { modelLabel } from "../tenant/tenant-models";
import { driverAdapterCause, postgresCode, prismaErrorMeta } from "./prisma-error";

function details(err: unknown): { violation: boolean; constraint?: string; message?: string } {
  const e = err as { code?: unknown; constraint?: unknown; message?: unknown } | null;
  if (!e) return { violation: false };
  const cause = driverAdapterCause(err);
  const meta = prismaErrorMeta(err);
  // A plain pg error (no Prisma around it) carries the SQLSTATE as its own code.
  const pgCode = postgresCode(err) ?? (typeof e.code === "string" && /^\d{5}$/.test(e.code) ? e.code : undefined);
  const violation = e.code === "P2003" || pgCode === "23503";
  const fieldName = typeof meta.field_name === "string" ? meta.field_name.split(" ")[0] : undefined;
  const constraint = [cause?.constraint?.index, e.constraint, fieldName].find((c): c is string => typeof c === "string");
  const message = [cause?.originalMessage, e.message].find((m): m is string => typeof m === "string");
  return { violation, constraint, message };
}

/** `PhoneNumber_agentId_tenant_fkey` → `agentId`. */
function columnOf(constraint: string | undefined): string | undefined {
  return constraint?.match(/^[A-Za-z]+_([A-Za-z]+?)(?:_tenant)?_fkey$/)?.[1];
}

export function foreignKeyViolation(err: unknown): AppError | null {
  const { violation, constraint, message } = details(err);
  if (!violation) return null;
  // "update or delete on table X violates ... on table Y": the row is still referenced, not a bad link.
  if (message?.includes("update or delete on table")) {
    return new AppError("CONFLICT", "This is still in use; remove what refers to it first", { cause: err });
  }
  const field = columnOf(constraint);
  const what = field ? modelLabel(field.replace(/Id$/, "").replace(/^./, (c) => c.toUpperCase())) : "Linked item";
  return new AppError("NOT_FOUND", `${what} not found`, { field, cause: err });
}
