// The plan's call limits, asked before a call is connected: the phone webhook and the browser test
// call both hold a line and spend minutes, so both ask here.
import { monthStart } from "../billing/plans";
import { LIVE_CALL_STATUSES } from "../calls/status";
import { platformDb } from "../tenant/platform-db";
import type { ScopedDb } from "../tenant/scoped-db";

/** This calendar month's (UTC) billed seconds against the tenant's minutes. */
export async function minutesExhausted(db: ScopedDb, quotaMinutes: number, now: Date): Promise<boolean> {
  const used = await db.call.aggregate({ where: { startedAt: { gte: monthStart(now) } }, _sum: { durationSec: true } });
  return (used._sum.durationSec ?? 0) >= quotaMinutes * 60;
}

/** Calls older than this do not hold a line, whatever their row says (a call whose end was never reported). */
const LIVE_CALL_MAX_AGE_MS = 4 * 60 * 60 * 1000;

/** The calls that hold a line at `now`: live by status, and not older than a call can plausibly last. */
export function liveCallsWhere(now: Date) {
  return { status: { in: [...LIVE_CALL_STATUSES] }, startedAt: { gte: new Date(now.getTime() - LIVE_CALL_MAX_AGE_MS) } };
}

/**
 * Every live call holds one of the plan's lines. A soft limit: two webhooks in the same instant may both
 * see one line free (Twilio's retries of one CallSid are one call and never count twice).
 */
export async function linesBusy(db: ScopedDb, maxConcurrentCalls: number, now: Date): Promise<boolean> {
  const live = await db.call.count({ where: liveCallsWhere(now) });
  return live >= maxConcurrentCalls;
}

/**
 * The deployment is at its voice capacity (VOICE_MAX_CALLS): live calls of every workspace count, as they
 * share the voice servers. Soft in the same way as a plan's lines.
 */
export async function voiceCapacityFull(maxCalls: number | undefined, now: Date): Promise<boolean> {
  if (maxCalls === undefined) return false;
  const live = await platformDb("telephony").call.count({ where: liveCallsWhere(now) });
  return live >= maxCalls;
}
