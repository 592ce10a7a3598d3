// Reading a Prisma error's details. Through a driver adapter (adapter-pg, PGlite) PostgreSQL's own
// report sits at meta.driverAdapterError.cause: its SQLSTATE, message and constraint.

export type DriverAdapterCause = {
  originalCode?: unknown;
  originalMessage?: unknown;
  constraint?: { fields?: unknown; index?: unknown };
};

/** A Prisma error's `meta` (an empty object for anything else). */
export function prismaErrorMeta(err: unknown): Record<string, unknown> {
  const meta = (err as { meta?: unknown } | null)?.meta;
  return meta && typeof meta === "object" ? (meta as Record<string, unknown>) : {};
}

/** The driver adapter's account of the database error behind a Prisma error, if any. */
export function driverAdapterCause(err: unknown): DriverAdapterCause | undefined {
  return (prismaErrorMeta(err).driverAdapterError as { cause?: DriverAdapterCause } | null | undefined)?.cause;
}

/** PostgreSQL's error code (SQLSTATE) behind a Prisma driver-adapter error, if any. */
export function postgresCode(err: unknown): string | undefined {
  const code = driverAdapterCause(err)?.originalCode;
  return typeof code === "string" ? code : undefined;
}
