// The rewrite scopedDb() applies to every model query: the tenant filter goes into `where`, the tenant
// id into created rows, and anything that names another tenant (or tries to move a row) is refused.
// Pure, so every operation's rule is unit-tested without a database.
import { isTenantModel, SHARED_PLATFORM_MODELS, TENANT_ROW_MODEL } from "./tenant-models";

type Args = Record<string, unknown>;

/** A query that names another tenant: a bug in the caller, never a user error, so not an AppError. */
export class CrossTenantQueryError extends Error {
  constructor(model: string, operation: string, detail: string) {
    super(`Refused ${model}.${operation} through a tenant-scoped client: ${detail}`);
    this.name = "CrossTenantQueryError";
  }
}

const MANY_WHERE = new Set(["findFirst", "findFirstOrThrow", "findMany", "count", "aggregate", "groupBy", "updateMany", "updateManyAndReturn", "deleteMany"]);
const UNIQUE_WHERE = new Set(["findUnique", "findUniqueOrThrow", "update", "delete", "upsert"]);
const CREATES = new Set(["create", "createMany", "createManyAndReturn"]);
const UPDATES = new Set(["update", "updateMany", "updateManyAndReturn"]);
const TENANT_ROW_READS = new Set(["findUnique", "findUniqueOrThrow", "findFirst", "findFirstOrThrow", "findMany", "count", "update"]);

const isRecord = (v: unknown): v is Args => typeof v === "object" && v !== null && !Array.isArray(v);

export function scopeArgs(tenantId: string, model: string, operation: string, args: Args | undefined): Args {
  const a: Args = { ...(args ?? {}) };
  if (model === TENANT_ROW_MODEL) return scopeTenantRow(tenantId, operation, a);
  if (!isTenantModel(model)) {
    if (SHARED_PLATFORM_MODELS.has(model)) return a;
    throw new CrossTenantQueryError(model, operation, `${model} is not tenant data; use platformDb() for it`);
  }
  const refuse = (detail: string) => new CrossTenantQueryError(model, operation, detail);

  if (MANY_WHERE.has(operation) || UNIQUE_WHERE.has(operation)) {
    const where = isRecord(a.where) ? a.where : {};
    assertOwnTenant(where, tenantId, refuse);
    // Unique lookups keep their unique key at the top level and gain tenantId as an extra filter
    // (Prisma's extended unique where); other queries AND the caller's filter with the tenant.
    a.where = UNIQUE_WHERE.has(operation) ? { ...where, tenantId } : a.where ? { AND: [where, { tenantId }] } : { tenantId };
  } else if (!CREATES.has(operation)) {
    throw refuse(`unknown operation ${operation}`); // fail closed on operations added by a Prisma upgrade
  }

  if (CREATES.has(operation)) {
    a.data = Array.isArray(a.data) ? a.data.map((d) => withTenant(d, tenantId, refuse)) : withTenant(a.data, tenantId, refuse);
  }
  if (UPDATES.has(operation)) assertNoTenantChange(a.data, tenantId, refuse);
  if (operation === "upsert") {
    a.create = withTenant(a.create, tenantId, refuse);
    assertNoTenantChange(a.update, tenantId, refuse);
  }
  return a;
}

function scopeTenantRow(tenantId: string, operation: string, a: Args): Args {
  if (!TENANT_ROW_READS.has(operation)) {
    throw new CrossTenantQueryError(TENANT_ROW_MODEL, operation, "workspaces are created and deleted through platformDb()");
  }
  const where = isRecord(a.where) ? a.where : {};
  if (where.id !== undefined && where.id !== tenantId) {
    throw new CrossTenantQueryError(TENANT_ROW_MODEL, operation, "another workspace's id");
  }
  a.where = { ...where, id: tenantId };
  return a;
}

/** A where that names a tenantId (directly or in a compound unique key) must name this one. */
function assertOwnTenant(where: Args, tenantId: string, refuse: (d: string) => Error): void {
  if (where.tenantId !== undefined && where.tenantId !== tenantId) throw refuse("where names another tenantId");
  for (const [key, value] of Object.entries(where)) {
    if (key.includes("tenantId") && isRecord(value) && "tenantId" in value && value.tenantId !== tenantId) {
      throw refuse(`where.${key} names another tenantId`);
    }
  }
}

function withTenant(data: unknown, tenantId: string, refuse: (d: string) => Error): Args {
  const d: Args = isRecord(data) ? { ...data } : {};
  if ("tenant" in d) throw refuse("data.tenant is set by the scope; pass scalar ids (agentId), not relation objects");
  if (d.tenantId !== undefined && d.tenantId !== tenantId) throw refuse("data names another tenantId");
  d.tenantId = tenantId;
  return d;
}

function assertNoTenantChange(data: unknown, tenantId: string, refuse: (d: string) => Error): void {
  if (!isRecord(data)) return;
  if ("tenant" in data) throw refuse("a row cannot move to another tenant");
  if (data.tenantId !== undefined && data.tenantId !== tenantId) throw refuse("a row cannot move to another tenant");
}
