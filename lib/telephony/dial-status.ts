// POST /api/twilio/dial-status, past the signature check: a transfer's <Dial> leg has ended. How it
// ended (answered, busy, no answer…) and for how long goes on the call's record as a `transfer.result`
// CallEvent. Twilio bills the leg (the caller bridged to the transfer number) as an outbound call of its
// own, so its seconds are recorded on the Call as TRANSFER_SECONDS usage and the call is costed again.
// Twilio may post the same action twice: a call has one <Dial> (its answer hangs up), so one event and
// one TRANSFER_SECONDS record per call are the whole leg and a repeat finds them. The CallSid is the
// parent call's, unique platform-wide.
import { z } from "zod";
import { getEnv } from "../env";
import { getLogger } from "../logger";
import { monthStart } from "../billing/plans";
import { priceCall } from "../billing/price-call";
import type { CallEventType } from "../conversation/types";
import { callSidSchema } from "../providers/twilio/call-sid";
import { platformDb } from "../tenant/platform-db";
import { systemDb } from "../tenant/system-scope";

export const DIAL_STATUS_PATH = "/api/twilio/dial-status";

/** The <Dial action> URL: APP_URL's origin, as Twilio will call and sign it. */
export function dialActionUrl(appUrl: string = getEnv().APP_URL): string {
  return `${new URL(appUrl).origin}${DIAL_STATUS_PATH}`;
}

const dialParams = z.object({
  CallSid: callSidSchema,
  DialCallStatus: z.string().trim().toLowerCase().pipe(z.enum(["completed", "answered", "busy", "no-answer", "failed", "canceled"])),
  // Seconds the transferred leg was connected; absent when nobody answered. A day is far above any real call.
  DialCallDuration: z.string().regex(/^\d{1,6}$/).transform(Number).pipe(z.number().max(86_400)).optional(),
});

const TRANSFER_RESULT: CallEventType = "transfer.result";

type DialResult = { status: z.infer<typeof dialParams>["DialCallStatus"]; durationSec: number };

export type DialOutcome = { kind: "unknown_call" } | { kind: "recorded" | "already_recorded" | "nothing_to_record"; callId: string; seconds: number };

export async function applyDialStatus(params: Record<string, string>, opts: { now?: Date } = {}): Promise<DialOutcome> {
  const p = dialParams.parse(params);
  const log = getLogger("telephony");
  const found = await platformDb("telephony").call.findUnique({
    where: { provider_providerCallId: { provider: "TWILIO", providerCallId: p.CallSid } },
    select: { id: true, tenantId: true },
  });
  if (!found) {
    log.info({ callSid: p.CallSid, dialStatus: p.DialCallStatus }, "dial status for a call we do not know: ignored");
    return { kind: "unknown_call" };
  }
  const seconds = p.DialCallDuration ?? 0;
  const outcome = await recordDialResult(found, { status: p.DialCallStatus, durationSec: seconds }, opts.now ?? new Date());
  log.info({ callId: found.id, dialStatus: p.DialCallStatus, seconds, outcome }, "transfer leg ended");
  return { kind: outcome, callId: found.id, seconds };
}

/** The leg's result event and its seconds, each once per call. The outcome speaks of the seconds. */
async function recordDialResult(call: { id: string; tenantId: string }, result: DialResult, now: Date): Promise<"recorded" | "already_recorded" | "nothing_to_record"> {
  const { db } = systemDb(call.tenantId, "voice-call");
  const seconds = result.durationSec;
  const recorded = await db.$transaction(async (tx) => {
    // The Call row's lock orders concurrent repeats: the second one waits, then finds the first's records.
    await tx.call.updateMany({ where: { id: call.id }, data: { updatedAt: now } });
    if (!(await tx.callEvent.count({ where: { callId: call.id, type: TRANSFER_RESULT } }))) {
      await tx.callEvent.create({ data: { callId: call.id, type: TRANSFER_RESULT, payload: result, at: now } });
    }
    if (seconds <= 0 || (await tx.usageRecord.count({ where: { callId: call.id, kind: "TRANSFER_SECONDS" } }))) return false;
    await tx.usageRecord.create({ data: { callId: call.id, kind: "TRANSFER_SECONDS", quantity: seconds, periodStart: monthStart(now), occurredAt: now } });
    return true;
  });
  if (!recorded) return seconds > 0 ? "already_recorded" : "nothing_to_record";
  await priceCall(db, call.id, { logger: getLogger("telephony") });
  return "recorded";
}
