// POST /api/twilio/status through the real route handler and database: signature-checked, idempotent,
// and a status never moves backwards however late or often Twilio's callbacks arrive.
import { beforeAll, describe, expect, it } from "vitest";
import * as status from "./status/route";
import * as voice from "./voice/route";
import { getDb } from "@/lib/db/client";
import { callSid, neverOpen, tenantWithNumber, twilioRequest, voiceParams } from "@/lib/test/twilio";

const PATH = "/api/twilio/status";
type Fixture = Awaited<ReturnType<typeof tenantWithNumber>>;

let a: Fixture;

beforeAll(async () => {
  a = await tenantWithNumber("Status A");
});

const callRow = (sid: string) => getDb().call.findUniqueOrThrow({ where: { provider_providerCallId: { provider: "TWILIO", providerCallId: sid } } });

async function answered(t: Fixture = a): Promise<string> {
  const sid = callSid();
  expect((await voice.POST(twilioRequest("/api/twilio/voice", voiceParams(t.number.e164, sid)))).status).toBe(200);
  return sid;
}

async function callback(sid: string, callStatus: string, extra: Record<string, string> = {}) {
  const res = await status.POST(twilioRequest(PATH, { ...voiceParams(a.number.e164, sid), CallStatus: callStatus, ...extra }));
  expect(res.status).toBe(200);
  return res;
}

describe("POST /api/twilio/status", () => {
  it("completes a call with Twilio's duration, and late or repeated callbacks change nothing", async () => {
    const sid = await answered();
    await callback(sid, "ringing"); // before "completed" but after the webhook connected it: no regression
    expect((await callRow(sid)).status).toBe("IN_PROGRESS");

    await callback(sid, "completed", { CallDuration: "42" });
    const done = await callRow(sid);
    expect(done).toMatchObject({ status: "COMPLETED", durationSec: 42 });
    expect(done.endedAt).not.toBeNull();
    expect(done.answeredAt).not.toBeNull();

    for (const late of ["ringing", "in-progress", "completed", "busy"]) await callback(sid, late);
    const after = await callRow(sid);
    expect(after).toMatchObject({ status: "COMPLETED", durationSec: 42 });
    expect(after.endedAt).toEqual(done.endedAt);
  });

  it("walks a queued call forward through ringing to no-answer, and keeps it there", async () => {
    const sid = callSid();
    await getDb().call.create({
      data: { tenantId: a.tenant.id, provider: "TWILIO", providerCallId: sid, fromNumber: "+15550100000", toNumber: a.number.e164, status: "QUEUED" },
    });
    await callback(sid, "ringing");
    expect((await callRow(sid)).status).toBe("RINGING");
    await callback(sid, "no-answer", { CallDuration: "0" });
    const row = await callRow(sid);
    expect(row).toMatchObject({ status: "NO_ANSWER", durationSec: 0, answeredAt: null });
    expect(row.endedAt).not.toBeNull();
    await callback(sid, "in-progress");
    expect((await callRow(sid)).status).toBe("NO_ANSWER");
  });

  it.each([
    ["busy", "BUSY"],
    ["failed", "FAILED"],
    ["canceled", "CANCELED"],
  ])("records %s as %s", async (twilioStatus, stored) => {
    const sid = callSid();
    await getDb().call.create({
      data: { tenantId: a.tenant.id, provider: "TWILIO", providerCallId: sid, fromNumber: "+15550100000", toNumber: a.number.e164, status: "RINGING" },
    });
    await callback(sid, twilioStatus);
    expect((await callRow(sid)).status).toBe(stored);
  });

  it("keeps a refused call's reason and takes the billed duration when it comes", async () => {
    const closed = await tenantWithNumber("Status closed", { businessHours: neverOpen, afterHoursAction: "PLAY_MESSAGE_AND_HANG_UP" });
    const sid = await answered(closed);
    await callback(sid, "completed", { CallDuration: "7" });
    expect(await callRow(sid)).toMatchObject({ status: "COMPLETED", endedReason: "AFTER_HOURS", durationSec: 7 });
  });

  it("answers 200 and does nothing for a CallSid it does not know", async () => {
    const sid = callSid();
    await callback(sid, "completed", { CallDuration: "5" });
    expect(await getDb().call.count({ where: { providerCallId: sid } })).toBe(0);
  });

  it("refuses a forged or missing signature with 403 and changes nothing", async () => {
    const sid = await answered();
    const params = { ...voiceParams(a.number.e164, sid), CallStatus: "completed", CallDuration: "999" };
    for (const req of [
      twilioRequest(PATH, params, { signature: null }),
      twilioRequest(PATH, params, { token: "someone-elses-auth-token-000000000000" }),
      twilioRequest(PATH, params, { signedParams: { ...params, CallDuration: "1" } }),
    ]) {
      expect((await status.POST(req)).status).toBe(403);
    }
    expect(await callRow(sid)).toMatchObject({ status: "IN_PROGRESS", durationSec: null });
  });

  it("answers 422 to an unknown CallStatus or a malformed CallSid", async () => {
    const sid = await answered();
    for (const params of [
      { ...voiceParams(a.number.e164, sid), CallStatus: "exploded" },
      { ...voiceParams(a.number.e164, "CA-not-a-sid"), CallStatus: "completed" },
    ]) {
      expect((await status.POST(twilioRequest(PATH, params))).status).toBe(422);
    }
    expect((await callRow(sid)).status).toBe("IN_PROGRESS");
  });
});
