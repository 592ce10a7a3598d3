// Calls of one tenant, read through scopedDb(scope): another tenant's call id is "not found", exactly
// like an id that never existed, and a filter naming another tenant's agent simply matches nothing.
import { notFound } from "../errors";
import type { Prisma } from "../db/generated/client";
import type { TenantScope } from "../tenant/scope";
import { scopedDb } from "../tenant/scoped-db";
import { decodeCallCursor, encodeCallCursor } from "./cursor";
import type { CallListQuery } from "./list-query";
import type { CallDetail, CallWithAgent } from "./serialize";

const withAgent = { agent: { select: { id: true, name: true } } } as const;

export type CallPage = { calls: CallWithAgent[]; nextCursor: string | null };

function filtersOf(q: CallListQuery): Prisma.CallWhereInput[] {
  const where: Prisma.CallWhereInput[] = [];
  if (q.agentId) where.push({ agentId: q.agentId });
  if (q.status) where.push({ status: q.status });
  if (q.direction) where.push({ direction: q.direction });
  if (q.from) where.push({ startedAt: { gte: q.from } });
  if (q.to) where.push({ startedAt: { lt: q.to } });
  if (q.cursor) {
    // Strictly after the cursor row in (startedAt desc, id desc) order.
    const c = decodeCallCursor(q.cursor);
    where.push({ OR: [{ startedAt: { lt: c.startedAt } }, { startedAt: c.startedAt, id: { lt: c.id } }] });
  }
  return where;
}

/** Newest first; `nextCursor` is null on the last page. */
export async function listCalls(scope: TenantScope, q: CallListQuery): Promise<CallPage> {
  const rows = await scopedDb(scope).call.findMany({
    where: { AND: filtersOf(q) },
    include: withAgent,
    orderBy: [{ startedAt: "desc" }, { id: "desc" }],
    take: q.limit + 1, // one more than asked tells whether another page exists
  });
  const calls = rows.slice(0, q.limit);
  const last = calls.at(-1);
  return { calls, nextCursor: rows.length > q.limit && last ? encodeCallCursor(last) : null };
}

/** One call with everything recorded about it, children in the order they happened. */
export async function getCallOrThrow(scope: TenantScope, id: string): Promise<CallDetail> {
  const call = await scopedDb(scope).call.findUnique({
    where: { id },
    include: {
      ...withAgent,
      turns: { orderBy: { index: "asc" } },
      events: { orderBy: [{ at: "asc" }, { id: "asc" }] },
      messages: { orderBy: [{ createdAt: "asc" }, { id: "asc" }] },
      usage: { orderBy: [{ occurredAt: "asc" }, { id: "asc" }] },
    },
  });
  if (!call) throw notFound("Call");
  return call;
}
