// Calls of one tenant, read through scopedDb(scope): another tenant's call id is "not found", exactly
// like an id that never existed, and a filter naming another tenant's agent simply matches nothing.
// The list's page of ids comes from list-sql.ts (raw SQL with its own tenant condition).
import { notFound } from "../errors";
import type { TenantScope } from "../tenant/scope";
import { scopedDb } from "../tenant/scoped-db";
import { decodeCallCursor, encodeCallCursor, type CallCursor } from "./cursor";
import type { CallFilters, CallListQuery } from "./list-query";
import { selectCallPage } from "./list-sql";
import type { CallDetail, CallWithAgent } from "./serialize";

const withAgent = { agent: { select: { id: true, name: true } } } as const;

export type CallPage = { calls: CallWithAgent[]; nextCursor: string | null };

/** One keyset page of the filtered, sorted list: `limit` rows after `cursor`; `next` null on the last. */
export async function readCallPage(
  scope: TenantScope,
  f: CallFilters,
  cursor: CallCursor | null,
  limit: number,
): Promise<{ calls: CallWithAgent[]; next: CallCursor | null }> {
  const db = scopedDb(scope);
  const keys = await selectCallPage(db, scope, f, cursor, limit + 1); // one more tells whether another page exists
  const page = keys.slice(0, limit);
  const rows = page.length ? await db.call.findMany({ where: { id: { in: page.map((k) => k.id) } }, include: withAgent }) : [];
  const byId = new Map(rows.map((r) => [r.id, r]));
  // A row deleted between the two reads is skipped; the cursor still continues after the page's last key.
  const calls = page.flatMap((k) => byId.get(k.id) ?? []);
  const last = page.at(-1);
  return { calls, next: keys.length > limit && last ? { sort: f.sort, order: f.order, key: last.key, id: last.id } : null };
}

/** Newest first unless sorted otherwise; `nextCursor` is null on the last page. */
export async function listCalls(scope: TenantScope, q: CallListQuery): Promise<CallPage> {
  const { limit, cursor, ...filters } = q;
  const page = await readCallPage(scope, filters, cursor ? decodeCallCursor(cursor, q.sort, q.order) : null, limit);
  return { calls: page.calls, nextCursor: page.next && encodeCallCursor(page.next) };
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
