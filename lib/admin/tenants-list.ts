// The super admin's tenants table: every workspace with its plan, status, members, agents, numbers and
// this month's calls and minutes. One statement pages the tenants (joined to this month's call totals,
// grouped once, so the table can sort by them); three grouped counts fill in the page's other columns.
// No query per row, whatever the page size.
import "server-only";
import { Prisma } from "../db/generated/client";
import type { Db } from "../db/client";
import type { Plan, TenantStatus } from "../db/generated/enums";
import { monthStart, nextMonthStart } from "../billing/plans";
import { decodeTenantCursor, encodeTenantCursor, type TenantCursor, type TenantSortKey } from "./tenant-cursor";
import type { TenantListQuery, TenantSort } from "./tenants-query";

export type TenantRow = {
  id: string;
  name: string;
  slug: string;
  plan: Plan;
  status: TenantStatus;
  createdAt: Date;
  members: number;
  agents: number;
  phoneNumbers: number;
  callsThisMonth: number;
  secondsThisMonth: number;
};

type PageRow = Omit<TenantRow, "members" | "agents" | "phoneNumbers">;

const KEY: Record<TenantSort, Prisma.Sql> = {
  created_at: Prisma.raw(`t."createdAt"`),
  name: Prisma.raw(`t."name"`),
  calls: Prisma.raw(`COALESCE(u."calls", 0)`),
  minutes: Prisma.raw(`COALESCE(u."seconds", 0)`),
};

const keyParam = (key: TenantSortKey) => (typeof key === "number" ? Prisma.sql`${key}::bigint` : Prisma.sql`${key}`);
const likePattern = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

function conditions(query: TenantListQuery, cursor: TenantCursor | null): Prisma.Sql[] {
  const where: Prisma.Sql[] = [Prisma.sql`TRUE`];
  if (query.q) {
    const like = likePattern(query.q);
    where.push(Prisma.sql`(t."name" ILIKE ${like} OR t."slug" ILIKE ${like} OR t."id" = ${query.q})`);
  }
  if (query.status) where.push(Prisma.sql`t."status" = ${query.status}::"TenantStatus"`);
  if (cursor) {
    const op = Prisma.raw(query.order === "desc" ? "<" : ">");
    where.push(Prisma.sql`(${KEY[query.sort]}, t."id") ${op} (${keyParam(cursor.key)}, ${cursor.id})`);
  }
  return where;
}

async function countBy(db: Db, ids: string[]) {
  const where = { tenantId: { in: ids } };
  const [members, agents, numbers] = await Promise.all([
    db.membership.groupBy({ by: ["tenantId"], where, _count: { _all: true } }),
    db.agent.groupBy({ by: ["tenantId"], where, _count: { _all: true } }),
    db.phoneNumber.groupBy({ by: ["tenantId"], where, _count: { _all: true } }),
  ]);
  const map = (rows: { tenantId: string; _count: { _all: number } }[]) => new Map(rows.map((r) => [r.tenantId, r._count._all]));
  return { members: map(members), agents: map(agents), numbers: map(numbers) };
}

function sortKey(row: PageRow, sort: TenantSort): TenantSortKey {
  if (sort === "created_at") return row.createdAt;
  if (sort === "name") return row.name;
  return sort === "calls" ? row.callsThisMonth : row.secondsThisMonth;
}

export async function listTenants(db: Db, query: TenantListQuery, now = new Date()): Promise<{ tenants: TenantRow[]; nextCursor: string | null }> {
  const cursor = query.cursor ? decodeTenantCursor(query.cursor, query.sort, query.order) : null;
  const dir = Prisma.raw(query.order === "desc" ? "DESC" : "ASC");
  const rows = await db.$queryRaw<PageRow[]>`
    WITH u AS (
      SELECT c."tenantId", COUNT(*)::int AS "calls", COALESCE(SUM(c."durationSec"), 0)::int AS "seconds"
        FROM "Call" c
       WHERE c."startedAt" >= ${monthStart(now)} AND c."startedAt" < ${nextMonthStart(now)}
       GROUP BY c."tenantId"
    )
    SELECT t."id", t."name", t."slug", t."plan"::text AS "plan", t."status"::text AS "status", t."createdAt",
           COALESCE(u."calls", 0)::int AS "callsThisMonth", COALESCE(u."seconds", 0)::int AS "secondsThisMonth"
      FROM "Tenant" t LEFT JOIN u ON u."tenantId" = t."id"
     WHERE ${Prisma.join(conditions(query, cursor), " AND ")}
     ORDER BY ${KEY[query.sort]} ${dir}, t."id" ${dir}
     LIMIT ${query.limit + 1}`;
  const page = rows.slice(0, query.limit);
  const counts = await countBy(db, page.map((r) => r.id));
  const tenants = page.map((r) => ({
    ...r,
    createdAt: new Date(r.createdAt),
    callsThisMonth: Number(r.callsThisMonth),
    secondsThisMonth: Number(r.secondsThisMonth),
    members: counts.members.get(r.id) ?? 0,
    agents: counts.agents.get(r.id) ?? 0,
    phoneNumbers: counts.numbers.get(r.id) ?? 0,
  }));
  const last = tenants.at(-1);
  const nextCursor =
    rows.length > query.limit && last ? encodeTenantCursor({ sort: query.sort, order: query.order, key: sortKey(last, query.sort), id: last.id }) : null;
  return { tenants, nextCursor };
}

export function toTenantRowJson(t: TenantRow) {
  return {
    id: t.id,
    name: t.name,
    slug: t.slug,
    plan: t.plan,
    status: t.status,
    members: t.members,
    agents: t.agents,
    phoneNumbers: t.phoneNumbers,
    callsThisMonth: t.callsThisMonth,
    minutesThisMonth: Math.round(t.secondsThisMonth / 6) / 10,
    createdAt: t.createdAt.toISOString(),
  };
}
