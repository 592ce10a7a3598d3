// The SQL of the calls list: which of the tenant's calls match the filters and the keyset page of them
// in the requested sort. Returns ids and sort keys only; the service reads the rows through scopedDb.
// Raw SQL does not pass through scopedDb's filter, so every statement carries its tenant condition.
import { Prisma } from "../db/generated/client";
import type { TenantScope } from "../tenant/scope";
import type { CallCursor, CallSortKey } from "./cursor";
import type { CallFilters, CallSort } from "./list-query";
import { transcriptTsquery } from "./transcript-query";

type RawQuery = Pick<Prisma.TransactionClient, "$queryRaw">;
type Tenant = Pick<TenantScope, "tenantId">;
export type CallKeyRow = { id: string; key: CallSortKey };

// One btree index per sort, (tenantId, key, id): a page is one range scan in either direction.
const COLUMN: Record<CallSort, Prisma.Sql> = {
  started_at: Prisma.raw(`c."startedAt"`),
  duration: Prisma.raw(`c."durationSec"`),
  cost: Prisma.raw(`c."costCents"`),
};

function conditions(scope: Tenant, f: CallFilters): Prisma.Sql[] {
  const w = [Prisma.sql`c."tenantId" = ${scope.tenantId}`];
  if (f.agentId) w.push(Prisma.sql`c."agentId" = ${f.agentId}`);
  if (f.status) w.push(Prisma.sql`c."status" = ${f.status}::"CallStatus"`);
  if (f.direction) w.push(Prisma.sql`c."direction" = ${f.direction}::"CallDirection"`);
  if (f.outcome) w.push(Prisma.sql`c."outcome" = ${f.outcome}::"CallOutcome"`);
  if (f.from) w.push(Prisma.sql`c."startedAt" >= ${f.from}`);
  if (f.to) w.push(Prisma.sql`c."startedAt" < ${f.to}`);
  if (f.minDuration !== undefined) w.push(Prisma.sql`c."durationSec" >= ${f.minDuration}::int`);
  return w;
}

const param = (key: CallSortKey) => (key instanceof Date ? Prisma.sql`${key}` : Prisma.sql`${key}::int`);
const direction = (f: CallFilters) => Prisma.raw(f.order === "desc" ? "DESC" : "ASC");

function branch(where: Prisma.Sql[], sort: CallSort, f: CallFilters, limit: number): Prisma.Sql {
  const dir = direction(f);
  return Prisma.sql`(SELECT c."id", ${COLUMN[sort]} AS "key" FROM "Call" c WHERE ${Prisma.join(where, " AND ")}
    ORDER BY ${COLUMN[sort]} ${dir}, c."id" ${dir} LIMIT ${limit})`;
}

/**
 * Up to `limit` calls after `cursor` in (key, id) order, as one statement. Live calls have no duration
 * yet: they come after every finished call in both orders, as a second range (durationSec IS NULL, by
 * id), so each part still reads its index in order instead of sorting the tenant's calls.
 */
function pageSql(where: Prisma.Sql[], f: CallFilters, cursor: CallCursor | null, limit: number): Prisma.Sql {
  const after = (key: Prisma.Sql, c: CallCursor) => Prisma.sql`(${key}, c."id") ${Prisma.raw(f.order === "desc" ? "<" : ">")} (${param(c.key)}, ${c.id})`;
  if (f.sort !== "duration") return branch(cursor ? [...where, after(COLUMN[f.sort], cursor)] : where, f.sort, f, limit);
  const dir = direction(f);
  const live = [...where, Prisma.sql`c."durationSec" IS NULL`];
  if (cursor?.key === null) live.push(Prisma.sql`c."id" ${Prisma.raw(f.order === "desc" ? "<" : ">")} ${cursor.id}`);
  const nulls = Prisma.sql`(SELECT c."id", NULL::int AS "key" FROM "Call" c WHERE ${Prisma.join(live, " AND ")} ORDER BY c."id" ${dir} LIMIT ${limit})`;
  if (cursor?.key === null) return nulls;
  const finished = [...where, Prisma.sql`c."durationSec" IS NOT NULL`, ...(cursor ? [after(COLUMN.duration, cursor)] : [])];
  return Prisma.sql`SELECT * FROM (${branch(finished, "duration", f, limit)} UNION ALL ${nulls}) p
    ORDER BY ("key" IS NULL), "key" ${dir}, "id" ${dir} LIMIT ${limit}`;
}

// A transcript search probes at most `probedCalls` candidate calls (in list order) before it asks the
// full-text index instead, and reads at most `indexedTurns` matching turns from the index (none when the
// planner expects four times as many) before it probes every candidate call's turns.
export const SEARCH_STEPS = { probedCalls: 1_000, indexedTurns: 10_000 };

/** The call `alias` has a turn matching `query`: its own few turns read through (callId, index). */
function saidIn(scope: Tenant, alias: string, query: Prisma.Sql): Prisma.Sql {
  // OFFSET 0 keeps the turns' GIN index out of this per-call probe: the planner, misjudging a phrase's
  // rarity, ANDed the tenant's whole GIN scan into every call's probe (6 s for 800 calls).
  return Prisma.sql`EXISTS (SELECT 1 FROM (SELECT t."tsv" FROM "CallTurn" t
    WHERE t."callId" = ${Prisma.raw(alias)}."id" AND t."tenantId" = ${scope.tenantId} OFFSET 0) t WHERE t."tsv" @@ ${query})`;
}

/** The planner's estimate of the tenant's turns matching `query` (a plan, not a count: ~1 ms). */
async function estimatedTurns(db: RawQuery, scope: Tenant, query: Prisma.Sql): Promise<number> {
  const [row] = await db.$queryRaw<{ "QUERY PLAN": unknown }[]>`EXPLAIN (FORMAT JSON)
    SELECT 1 FROM "CallTurn" t WHERE t."tenantId" = ${scope.tenantId} AND t."tsv" @@ ${query}`;
  const raw = row?.["QUERY PLAN"];
  const plan = (typeof raw === "string" ? JSON.parse(raw) : raw) as [{ Plan?: { "Plan Rows"?: number } }] | undefined;
  return plan?.[0]?.Plan?.["Plan Rows"] ?? Infinity;
}

/**
 * A transcript search, in up to three steps, each bounded, because the planner cannot tell a common word
 * from a rare one inside a phrase or an AND (it multiplies selectivities):
 * 1. the first candidate calls in list order, each probed: a common word fills the page here;
 * 2. else the tenant's matching turns from the GIN index ("tenantId", "tsv"), when they are few;
 * 3. else every candidate probed (a common word that the other filters make rare).
 */
async function searchPage(
  db: RawQuery,
  scope: Tenant,
  f: CallFilters,
  cursor: CallCursor | null,
  limit: number,
  steps: typeof SEARCH_STEPS,
): Promise<CallKeyRow[]> {
  const query = transcriptTsquery(f.q!);
  const where = conditions(scope, f);
  const dir = direction(f);
  const first = await db.$queryRaw<CallKeyRow[]>`SELECT p."id", p."key" FROM (${pageSql(where, f, cursor, Math.max(steps.probedCalls, limit))}) p
    WHERE ${saidIn(scope, "p", query)} ORDER BY ("key" IS NULL), "key" ${dir}, "id" ${dir} LIMIT ${limit}`;
  if (first.length === limit) return first;
  // Unless the planner expects the tenant to have many matching turns (close for a word; for a phrase it
  // guesses low, and the capped read below still bounds the cost).
  if ((await estimatedTurns(db, scope, query)) <= steps.indexedTurns * 4) {
    const turns = await db.$queryRaw<{ callId: string }[]>`SELECT t."callId" FROM "CallTurn" t
      WHERE t."tenantId" = ${scope.tenantId} AND t."tsv" @@ ${query} LIMIT ${steps.indexedTurns + 1}`;
    if (turns.length === 0) return [];
    if (turns.length <= steps.indexedTurns) {
      const ids = [...new Set(turns.map((t) => t.callId))];
      return db.$queryRaw<CallKeyRow[]>`${pageSql([...where, Prisma.sql`c."id" = ANY(${ids}::text[])`], f, cursor, limit)}`;
    }
  }
  return db.$queryRaw<CallKeyRow[]>`${pageSql([...where, saidIn(scope, "c", query)], f, cursor, limit)}`;
}

/** Up to `limit` of the tenant's calls matching `f`, after `cursor`, in the requested order. */
export async function selectCallPage(
  db: RawQuery,
  scope: Tenant,
  f: CallFilters,
  cursor: CallCursor | null,
  limit: number,
  steps = SEARCH_STEPS, // tests shrink the bounds to take each step on a few rows
): Promise<CallKeyRow[]> {
  if (f.q) return searchPage(db, scope, f, cursor, limit, steps);
  return db.$queryRaw<CallKeyRow[]>`${pageSql(conditions(scope, f), f, cursor, limit)}`;
}
