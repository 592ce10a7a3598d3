// Calls whose voice server died: a live call's server beats (Call.heartbeatAt) every few seconds; when
// the beat stops the call can never be finished by the engine, so it is closed here as SERVER_LOST,
// ended at its last beat (what the caller was actually connected for). Turns and events already
// written stay as they are: nothing said before the crash is lost. A call still QUEUED was never held
// by any server (a browser test call whose page never connected): it is CANCELED, not SERVER_LOST.
//
// Two callers: a voice server at start-up closes every call it held under its id (it just restarted,
// so none of them is alive), and the worker's periodic job closes calls of any server whose beat is
// older than the stale limit (a server that never came back).
import type { Db } from "../../db/client";
import { platformDb } from "../../tenant/platform-db";
import { LIVE_CALL_STATUSES } from "../status";
import { systemDb } from "../../tenant/system-scope";
import { priceCall } from "../../billing/price-call";
import { getLogger } from "../../logger";

export const HEARTBEAT_EVERY_MS = 5_000;
/** Six missed beats: long enough for a GC pause or a slow database, short enough for the dashboard. */
export const STALE_AFTER_MS = 30_000;
const BATCH = 200;

export type ReapOptions = { now?: Date; staleAfterMs?: number; voiceServerId?: string; db?: Db };

/** Closes lost calls; returns how many. */
export async function reapLostCalls(opts: ReapOptions = {}): Promise<number> {
  const now = opts.now ?? new Date();
  const db = opts.db ?? platformDb("telephony");
  const cutoff = new Date(now.getTime() - (opts.staleAfterMs ?? STALE_AFTER_MS));
  let closed = 0;
  for (;;) {
    const lost = await db.call.findMany({
      where: {
        status: { in: [...LIVE_CALL_STATUSES] },
        heartbeatAt: opts.voiceServerId ? { not: null } : { lt: cutoff },
        ...(opts.voiceServerId ? { voiceServerId: opts.voiceServerId } : {}),
      },
      select: { id: true, tenantId: true, status: true, answeredAt: true, startedAt: true, heartbeatAt: true },
      take: BATCH,
    });
    for (const call of lost) {
      const neverConnected = call.status === "QUEUED";
      const endedAt = call.heartbeatAt ?? now;
      const durationSec = neverConnected ? 0 : Math.max(0, Math.round((endedAt.getTime() - (call.answeredAt ?? call.startedAt).getTime()) / 1000));
      const { db: tenantDb } = systemDb(call.tenantId, "voice-call", db);
      const { count } = await tenantDb.call.updateMany({
        where: { id: call.id, status: call.status },
        data: neverConnected
          ? { status: "CANCELED", endedAt, durationSec, heartbeatAt: null }
          : { status: "COMPLETED", endedReason: "SERVER_LOST", endedAt, durationSec, heartbeatAt: null },
      });
      if (count === 0) continue; // finished or opened by its server, or a status callback, in between
      closed++;
      const reason = neverConnected ? "NEVER_CONNECTED" : "SERVER_LOST";
      await tenantDb.callEvent.create({ data: { callId: call.id, type: "call.ended", payload: { reason, durationSec }, at: endedAt } });
      // The usage written before the crash, and the minutes it was connected. A costing failure must not stop the reaping.
      await priceCall(tenantDb, call.id, { logger: getLogger("telephony") }).catch((err: unknown) => getLogger("telephony").error({ err, callId: call.id }, "lost call could not be costed"));
    }
    if (lost.length < BATCH) return closed;
  }
}

/** One UPDATE for every call this server holds (not one per call). */
export async function beat(callIds: readonly string[], opts: { now?: Date; db?: Db } = {}): Promise<void> {
  if (callIds.length === 0) return;
  const db = opts.db ?? platformDb("telephony");
  await db.call.updateMany({ where: { id: { in: [...callIds] }, status: { in: [...LIVE_CALL_STATUSES] } }, data: { heartbeatAt: opts.now ?? new Date() } });
}
