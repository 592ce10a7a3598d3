// A Prisma client that can only see and write one tenant's rows: the tenant filter is the default,
// not a `where` each query has to remember. Built from the process-wide client with a query
// extension (scope-args.ts has the rules); `$transaction` on it scopes every query of the transaction.
//
//   const db = scopedDb(scope);
//   await db.agent.findUnique({ where: { id } });        // null for another tenant's id
//   await db.agent.create({ data: input });               // tenantId filled in from the scope
//   await db.$transaction(async (tx) => tx.agent.delete({ where: { id } }));  // NOT_FOUND if foreign
//
// What it does not cover: raw SQL ($queryRaw carries its own tenant condition) and nested relation
// reads/writes (include, connect). Those are kept in-tenant by the database itself: every child
// references its parent by (id, tenantId), so a cross-tenant link cannot exist to be read.
import { getDb, type Db } from "../db/client";
import type { Prisma } from "../db/generated/client";
import { notFound } from "../errors";
import { scopeArgs } from "./scope-args";
import type { TenantScope } from "./scope";
import { modelLabel, type TenantModelName } from "./tenant-models";

// A missing row through a scoped client is a 404 naming the model, like a row that never existed.
const NOT_FOUND_OPS = new Set(["update", "delete", "findUniqueOrThrow", "findFirstOrThrow"]);

function extend(db: Db, tenantId: string) {
  return db.$extends({
    name: "tenant-scope",
    query: {
      $allModels: {
        async $allOperations({ model, operation, args, query }) {
          const scoped = scopeArgs(tenantId, model, operation, args as Record<string, unknown>);
          try {
            return await query(scoped as typeof args);
          } catch (err) {
            if (NOT_FOUND_OPS.has(operation) && (err as { code?: string } | null)?.code === "P2025") {
              throw Object.assign(notFound(modelLabel(model)), { cause: err });
            }
            throw err;
          }
        },
      },
    },
  });
}

type Extended = ReturnType<typeof extend>;
type DelegateKey<M extends string> = Uncapitalize<M>;
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

// Prisma's input types require tenantId on create; through a scoped client the scope supplies it, so
// the scoped delegates take the unchecked create input without it (passing it is refused at runtime
// unless it is the scope's own).
// The unchecked variant of the XOR is the one whose `tenant` relation field is excluded (`tenant?: never`).
type CreateData<D> = DistributiveOmit<Extract<NonNullable<Prisma.Args<D, "create">["data"]>, { tenant?: never }>, "tenantId">;
type CreateArgs<D> = Omit<Prisma.Args<D, "create">, "data"> & { data: CreateData<D> };
type CreateManyArgs<D> = { data: CreateData<D> | CreateData<D>[]; skipDuplicates?: boolean };
type CreateManyAndReturnArgs<D> = Omit<Prisma.Args<D, "createManyAndReturn">, "data"> & CreateManyArgs<D>;
type UpsertArgs<D> = Omit<Prisma.Args<D, "upsert">, "create"> & { create: CreateData<D> };

type ScopedDelegate<D> = Omit<D, "create" | "createMany" | "createManyAndReturn" | "upsert"> & {
  create<A extends CreateArgs<D>>(args: Prisma.Exact<A, CreateArgs<D>>): Prisma.PrismaPromise<Prisma.Result<D, A, "create">>;
  createMany(args: CreateManyArgs<D>): Prisma.PrismaPromise<Prisma.BatchPayload>;
  createManyAndReturn<A extends CreateManyAndReturnArgs<D>>(
    args: Prisma.Exact<A, CreateManyAndReturnArgs<D>>,
  ): Prisma.PrismaPromise<Prisma.Result<D, A, "createManyAndReturn">>;
  upsert<A extends UpsertArgs<D>>(args: Prisma.Exact<A, UpsertArgs<D>>): Prisma.PrismaPromise<Prisma.Result<D, A, "upsert">>;
};

type Scoped<C> = Omit<C, DelegateKey<TenantModelName>> & {
  [M in TenantModelName as DelegateKey<M>]: ScopedDelegate<C[DelegateKey<M> & keyof C]>;
};

/** The interactive-transaction client of a scoped client: the same scoping, no $transaction. */
export type ScopedTx = Scoped<Omit<Extended, "$transaction" | "$connect" | "$disconnect" | "$on" | "$extends">>;

export type ScopedDb = Scoped<Omit<Extended, "$transaction">> & {
  /** Every query of the transaction goes through the same tenant scope. */
  $transaction<R>(fn: (tx: ScopedTx) => Promise<R>, options?: { maxWait?: number; timeout?: number; isolationLevel?: Prisma.TransactionIsolationLevel }): Promise<R>;
};

// Building an extended client costs ~0.3 ms of CPU; requests of a busy tenant reuse theirs. The
// scoping depends on the tenant id only, so the cache key is (client, tenantId), bounded.
const CACHE_LIMIT = 500;
const cache = new WeakMap<Db, Map<string, Extended>>();

/** The database as one tenant sees it. `db` defaults to the process-wide client. */
export function scopedDb(scope: TenantScope, db: Db = getDb()): ScopedDb {
  const { tenantId } = scope;
  if (!tenantId) throw new Error("scopedDb() needs a tenantId");
  let perTenant = cache.get(db);
  if (!perTenant) cache.set(db, (perTenant = new Map()));
  let client = perTenant.get(tenantId);
  if (client) {
    perTenant.delete(tenantId); // re-insert: the Map's order is least recently used first
  } else {
    client = extend(db, tenantId);
    if (perTenant.size >= CACHE_LIMIT) perTenant.delete(perTenant.keys().next().value!);
  }
  perTenant.set(tenantId, client);
  return client as unknown as ScopedDb;
}
