// POST /api/twilio/dial-status (a transfer's <Dial> action) through the real route handler and database,
// signed as Twilio signs it: the forwarded leg's seconds become TRANSFER_SECONDS usage costed at
// Twilio's outbound minute price and its outcome a transfer.result event, a repeated callback counts
// once, the answer hangs up; a forged signature is 403, an unknown CallSid a logged no-op, and another
// workspace's call is never touched.
import { beforeAll, describe, expect, it } from "vitest";
import * as dialStatus from "./dial-status/route";
import * as status from "./status/route";
import { TELEPHONY_PRICES } from "@/lib/billing/prices";
import { getDb } from "@/lib/db/client";
import { createTestCall } from "@/lib/test/factories";
import { callSid, tenantWithNumber, twilioRequest, voiceParams } from "@/lib/test/twilio";

const PATH = "/api/twilio/dial-status";
const OUTBOUND = TELEPHONY_PRICES.twilio.OUTBOUND;
const HANG_UP = '<?xml version="1.0" encoding="UTF-8"?><Response><Hangup/></Response>';
type Fixture = Awaited<ReturnType<typeof tenantWithNumber>>;

let a: Fixture;
let b: Fixture;

beforeAll(async () => {
  [a, b] = await Promise.all([tenantWithNumber("Dial A"), tenantWithNumber("Dial B")]);
});

/** A Twilio call of `t` handed to its transfer number (the engine ended it as TRANSFERRED). */
async function transferredCall(t: Fixture) {
  const sid = callSid();
  const call = await createTestCall(t.tenant.id, { agentId: t.agent.id, provider: "TWILIO", providerCallId: sid, status: "IN_PROGRESS", endedReason: "TRANSFERRED", answeredAt: new Date() });
  return { sid, call };
}

function dialParams(t: Fixture, sid: string, extra: Record<string, string>): Record<string, string> {
  return { ...voiceParams(t.number.e164, sid, { CallStatus: "in-progress" }), DialCallSid: callSid(), DialBridged: "true", ...extra };
}

async function post(params: Record<string, string>, opts?: Parameters<typeof twilioRequest>[2]) {
  const res = await dialStatus.POST(twilioRequest(PATH, params, opts));
  return { status: res.status, xml: await res.text() };
}

const row = (id: string) => getDb().call.findUniqueOrThrow({ where: { id }, include: { usage: true } });
const transferUsage = (id: string) => getDb().usageRecord.findMany({ where: { callId: id, kind: "TRANSFER_SECONDS" } });
const transferResults = (id: string) => getDb().callEvent.findMany({ where: { callId: id, type: "transfer.result" }, select: { tenantId: true, payload: true } });
type Line = { kind: string; quantity: number; unitPriceMicros: number; micros: number };
const linesOf = (breakdown: unknown) => (breakdown as { lines: Line[] }).lines;

describe("POST /api/twilio/dial-status", () => {
  it("records the forwarded leg, costs it at the telephony price, and answers <Hangup/>", async () => {
    const { sid, call } = await transferredCall(a);
    const res = await post(dialParams(a, sid, { DialCallStatus: "completed", DialCallDuration: "95" }));
    expect(res).toEqual({ status: 200, xml: HANG_UP });

    const done = await row(call.id);
    const [usage] = await transferUsage(call.id);
    expect(usage).toMatchObject({ tenantId: a.tenant.id, quantity: 95, costMicros: 2 * OUTBOUND }); // 95 s: two started minutes
    expect(linesOf(done.costBreakdown)).toContainEqual(expect.objectContaining({ kind: "TRANSFER_SECONDS", quantity: 2, unitPriceMicros: OUTBOUND, micros: 2 * OUTBOUND }));
    // Nothing else on this call costs anything yet (no duration, no other usage): the cost is the leg's.
    expect(done.costCents).toBe(Math.round((2 * OUTBOUND) / 10_000));
    expect(done.costBreakdown).toMatchObject({ telephonyCents: done.costCents });
    expect(await transferResults(call.id)).toEqual([{ tenantId: a.tenant.id, payload: { status: "completed", durationSec: 95 } }]);
  });

  it("counts a repeated callback once, however it arrives, and the final status callback keeps the leg", async () => {
    const { sid, call } = await transferredCall(a);
    const params = dialParams(a, sid, { DialCallStatus: "completed", DialCallDuration: "61" });
    expect((await post(params)).status).toBe(200);
    const first = await row(call.id);
    // Twilio retries: one after the other, and two at once.
    expect(await post(params)).toEqual({ status: 200, xml: HANG_UP });
    const racing = await Promise.all([post(params), post(params)]);
    expect(racing.map((r) => r.status)).toEqual([200, 200]);
    expect(await transferUsage(call.id)).toHaveLength(1);
    expect(await transferResults(call.id)).toEqual([{ tenantId: a.tenant.id, payload: { status: "completed", durationSec: 61 } }]);
    expect((await row(call.id)).costCents).toBe(first.costCents);

    // The parent call's own end (its billed duration) is costed with the leg, not instead of it.
    await status.POST(twilioRequest("/api/twilio/status", { ...voiceParams(a.number.e164, sid), CallStatus: "completed", CallDuration: "150" }));
    const ended = await row(call.id);
    const lines = linesOf(ended.costBreakdown);
    expect(lines).toContainEqual(expect.objectContaining({ kind: "TRANSFER_SECONDS", quantity: 2, micros: 2 * OUTBOUND }));
    expect(lines).toContainEqual(expect.objectContaining({ kind: "CALL_SECONDS", quantity: 3, micros: 3 * TELEPHONY_PRICES.twilio.INBOUND }));
    expect(ended.costCents).toBe(Math.round((2 * OUTBOUND + 3 * TELEPHONY_PRICES.twilio.INBOUND) / 10_000));
  });

  it("records nothing when the transfer number did not answer, and still hangs up", async () => {
    const { sid, call } = await transferredCall(a);
    for (const DialCallStatus of ["no-answer", "busy", "failed"]) {
      expect(await post(dialParams(a, sid, { DialCallStatus }))).toEqual({ status: 200, xml: HANG_UP });
    }
    expect(await transferUsage(call.id)).toEqual([]);
    // A call has one <Dial>: the first answer is its result, what follows a retry of it.
    expect(await transferResults(call.id)).toEqual([{ tenantId: a.tenant.id, payload: { status: "no-answer", durationSec: 0 } }]);
    const busy = await transferredCall(a);
    const params = dialParams(a, busy.sid, { DialCallStatus: "busy" });
    await Promise.all([post(params), post(params)]);
    expect(await transferResults(busy.call.id)).toEqual([{ tenantId: a.tenant.id, payload: { status: "busy", durationSec: 0 } }]);
  });

  it("leaves another workspace's call untouched", async () => {
    const mine = await transferredCall(a);
    const theirs = await transferredCall(b);
    const before = await row(theirs.call.id);
    expect((await post(dialParams(a, mine.sid, { DialCallStatus: "completed", DialCallDuration: "300" }))).status).toBe(200);
    const after = await row(theirs.call.id);
    expect(after.usage).toEqual(before.usage);
    expect([after.costCents, after.costBreakdown, after.updatedAt]).toEqual([before.costCents, before.costBreakdown, before.updatedAt]);
    expect(await transferUsage(mine.call.id)).toEqual([expect.objectContaining({ tenantId: a.tenant.id, quantity: 300 })]);
    expect(await transferResults(theirs.call.id)).toEqual([]);
    expect(await transferResults(mine.call.id)).toEqual([{ tenantId: a.tenant.id, payload: { status: "completed", durationSec: 300 } }]);
  });

  it("answers 200 with an empty response to a CallSid it does not know, and creates nothing", async () => {
    const sid = callSid();
    const before = await getDb().usageRecord.count({ where: { kind: "TRANSFER_SECONDS" } });
    const results = await getDb().callEvent.count({ where: { type: "transfer.result" } });
    const res = await post(dialParams(a, sid, { DialCallStatus: "completed", DialCallDuration: "30" }));
    expect(res).toEqual({ status: 200, xml: '<?xml version="1.0" encoding="UTF-8"?><Response/>' });
    expect(await getDb().call.count({ where: { providerCallId: sid } })).toBe(0);
    expect(await getDb().usageRecord.count({ where: { kind: "TRANSFER_SECONDS" } })).toBe(before);
    expect(await getDb().callEvent.count({ where: { type: "transfer.result" } })).toBe(results);
  });

  it("refuses a forged, missing or replayed-with-changes signature with 403 and records nothing", async () => {
    const { sid, call } = await transferredCall(a);
    const params = dialParams(a, sid, { DialCallStatus: "completed", DialCallDuration: "999" });
    for (const opts of [
      { signature: null },
      { token: "someone-elses-auth-token-000000000000" },
      { signedParams: { ...params, DialCallDuration: "1" } },
      { signedUrl: "https://app.example/api/twilio/status" },
    ]) {
      expect((await post(params, opts)).status).toBe(403);
    }
    expect(await transferUsage(call.id)).toEqual([]);
    expect(await transferResults(call.id)).toEqual([]);
    expect((await row(call.id)).costCents).toBe(0);
  });

  it("answers 422 to an unknown DialCallStatus or a malformed duration", async () => {
    const { sid, call } = await transferredCall(a);
    for (const extra of [{ DialCallStatus: "exploded", DialCallDuration: "10" }, { DialCallStatus: "completed", DialCallDuration: "ten" }]) {
      expect((await post(dialParams(a, sid, extra))).status).toBe(422);
    }
    expect(await transferUsage(call.id)).toEqual([]);
    expect(await transferResults(call.id)).toEqual([]);
  });
});
