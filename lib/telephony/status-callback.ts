// POST /api/twilio/status, past the signature check: Twilio's call progress (ringing, in-progress,
// completed, busy, no-answer, failed, canceled, with CallDuration at the end) applied to the Call.
// Callbacks can arrive twice and out of order, so a status only moves forward: a late "ringing" after
// "completed" changes nothing, and the first final status wins. The duration is Twilio's billed figure
// and is taken whenever it comes, since refused calls are already COMPLETED when it does.
import { z } from "zod";
import type { CallStatus } from "../db/generated/enums";
import { getLogger } from "../logger";
import { callSidSchema } from "../providers/twilio/call-sid";
import { platformDb } from "../tenant/platform-db";
import { systemDb } from "../tenant/system-scope";
import { priceCall } from "../billing/price-call";

const TWILIO_STATUS: Record<string, CallStatus> = {
  queued: "QUEUED",
  initiated: "QUEUED",
  ringing: "RINGING",
  "in-progress": "IN_PROGRESS",
  answered: "IN_PROGRESS",
  completed: "COMPLETED",
  busy: "BUSY",
  "no-answer": "NO_ANSWER",
  failed: "FAILED",
  canceled: "CANCELED",
};

const RANK: Record<CallStatus, number> = {
  QUEUED: 0,
  RINGING: 1,
  IN_PROGRESS: 2,
  COMPLETED: 3,
  BUSY: 3,
  NO_ANSWER: 3,
  FAILED: 3,
  CANCELED: 3,
};
const ALL = Object.keys(RANK) as CallStatus[];

const statusParams = z.object({
  CallSid: callSidSchema,
  CallStatus: z.string().transform((s, ctx) => {
    const status = TWILIO_STATUS[s.trim().toLowerCase()];
    if (!status) {
      ctx.addIssue({ code: "custom", message: `Unknown CallStatus "${s}"` });
      return z.NEVER;
    }
    return status;
  }),
  // Seconds, whole; absent before the call ends. A day is far above any real call.
  CallDuration: z.string().regex(/^\d{1,6}$/).transform(Number).pipe(z.number().max(86_400)).optional(),
});

export async function applyStatusCallback(params: Record<string, string>, opts: { now?: Date } = {}): Promise<void> {
  const p = statusParams.parse(params);
  const now = opts.now ?? new Date();
  // The CallSid is unique platform-wide: it names the tenant to act for.
  const found = await platformDb("telephony").call.findUnique({
    where: { provider_providerCallId: { provider: "TWILIO", providerCallId: p.CallSid } },
    select: { id: true, tenantId: true },
  });
  if (!found) {
    getLogger("telephony").info({ callSid: p.CallSid, status: p.CallStatus }, "status callback for a call we do not know: ignored");
    return;
  }
  const { db } = systemDb(found.tenantId, "voice-call");
  const final = RANK[p.CallStatus] === 3;
  const earlier = ALL.filter((s) => RANK[s] < RANK[p.CallStatus]);
  // Guarded in the update itself, so two callbacks racing cannot move the status backwards.
  await db.call.updateMany({ where: { id: found.id, status: { in: earlier } }, data: { status: p.CallStatus } });
  // answeredAt needs no write here: the voice webhook sets it when it answers (refusals included).
  if (final) await db.call.updateMany({ where: { id: found.id, endedAt: null }, data: { endedAt: now } });
  if (p.CallDuration !== undefined) await db.call.updateMany({ where: { id: found.id }, data: { durationSec: p.CallDuration } });
  // Costed again with Twilio's billed duration; a call refused at the webhook is costed only here.
  if (final || p.CallDuration !== undefined) await priceCall(db, found.id, { logger: getLogger("telephony") });
}
