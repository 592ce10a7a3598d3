// POST /api/twilio/voice through the real route handler and database, with requests signed as Twilio
// signs them: the signature gate, every refusal path, idempotent retries and tenant separation.
import { beforeAll, describe, expect, it } from "vitest";
import * as voice from "./voice/route";
import { verifyCallToken } from "@/lib/calls/call-token";
import { getDb } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { receiveInboundCall } from "@/lib/telephony/inbound-call";
import { liveCallsWhere } from "@/lib/telephony/plan-limits";
import { callSid, e164, neverOpen, streamParameters, tenantWithNumber, twilioRequest, voiceParams } from "@/lib/test/twilio";

const PATH = "/api/twilio/voice";
type Fixture = Awaited<ReturnType<typeof tenantWithNumber>>;

let a: Fixture;
let b: Fixture;

beforeAll(async () => {
  [a, b] = await Promise.all([tenantWithNumber("Voice A"), tenantWithNumber("Voice B")]);
});

async function call(to: string, sid = callSid()) {
  const res = await voice.POST(twilioRequest(PATH, voiceParams(to, sid)));
  return { status: res.status, type: res.headers.get("content-type"), xml: await res.text(), sid };
}

const callRow = (sid: string) => getDb().call.findUnique({ where: { provider_providerCallId: { provider: "TWILIO", providerCallId: sid } } });

describe("POST /api/twilio/voice", () => {
  it("connects a call to the voice server with the call id and a call token bound to the CallSid", async () => {
    const res = await call(a.number.e164);
    expect(res.status).toBe(200);
    expect(res.type).toMatch(/^text\/xml/);
    expect(res.xml).toContain(`<Connect><Stream url="${getEnv().VOICE_PUBLIC_URL}/twilio/media-stream">`);
    const p = streamParameters(res.xml);
    // Only these: the voice server loads the rest from the Call row.
    expect(Object.keys(p).sort()).toEqual(["callId", "callToken"]);
    const row = await callRow(res.sid);
    expect(row).toMatchObject({
      id: p.callId,
      tenantId: a.tenant.id,
      agentId: a.agent.id,
      phoneNumberId: a.number.id,
      provider: "TWILIO",
      fromNumber: "+15550199999",
      toNumber: a.number.e164,
      direction: "INBOUND",
      status: "IN_PROGRESS",
      endedReason: null,
    });
    expect(verifyCallToken(p.callToken, { callSid: res.sid })).toEqual({ ok: true, callId: row!.id });
    expect(verifyCallToken(p.callToken, { callSid: callSid() }).ok).toBe(false);
  });

  it("refuses a forged, missing or misdirected signature with 403 and stores nothing", async () => {
    const sid = callSid();
    const params = voiceParams(a.number.e164, sid);
    const forged = [
      twilioRequest(PATH, params, { signature: null }),
      twilioRequest(PATH, params, { signature: "bm90IGEgc2lnbmF0dXJl" }),
      twilioRequest(PATH, params, { token: "someone-elses-auth-token-000000000000" }),
      twilioRequest(PATH, params, { signedUrl: "https://elsewhere.example/api/twilio/voice" }),
      // Signed for tenant B's number, sent for A's.
      twilioRequest(PATH, params, { signedParams: { ...params, To: b.number.e164 } }),
    ];
    for (const req of forged) {
      const res = await voice.POST(req);
      expect(res.status).toBe(403);
      expect((await res.json()).error.code).toBe("FORBIDDEN");
    }
    expect(await callRow(sid)).toBeNull();
  });

  it("answers 415 to a non-form body and 413 to an oversized one", async () => {
    const params = voiceParams(a.number.e164, callSid());
    expect((await voice.POST(twilioRequest(PATH, params, { contentType: "application/json", body: JSON.stringify(params) }))).status).toBe(415);
    const huge = { ...params, Junk: "x".repeat(70_000) };
    expect((await voice.POST(twilioRequest(PATH, huge))).status).toBe(413);
  });

  it("keeps one Call per CallSid when Twilio retries, and answers every retry the same way", async () => {
    const sid = callSid();
    const first = await call(a.number.e164, sid);
    const [second, third] = await Promise.all([call(a.number.e164, sid), call(a.number.e164, sid)]);
    const ids = [first, second, third].map((r) => streamParameters(r.xml).callId);
    expect(new Set(ids).size).toBe(1);
    expect(await getDb().call.count({ where: { providerCallId: sid } })).toBe(1);
  });

  it("refuses an unknown number with speech and a hang-up, logged in a tenantless audit entry once", async () => {
    const sid = callSid();
    const to = e164();
    for (let i = 0; i < 2; i++) {
      const res = await call(to, sid);
      expect(res.status).toBe(200);
      expect(res.xml).toMatch(/<Say[^>]*>[^<]*not in service[^<]*<\/Say><Hangup\/>/);
      expect(res.xml).not.toContain("<Connect>");
    }
    expect(await callRow(sid)).toBeNull();
    const audits = await getDb().auditLog.findMany({ where: { action: "call.refused", targetId: sid } });
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ tenantId: null, targetType: "call", metadata: { reason: "UNKNOWN_NUMBER", to } });
  });

  it("refuses a To that is no phone number at all (a SIP or client address) the same way", async () => {
    const res = await call("client:alice");
    expect(res.xml).toMatch(/<Say[^>]*>[^<]*not in service[^<]*<\/Say><Hangup\/>/);
    expect(await callRow(res.sid)).toBeNull();
    expect(await getDb().auditLog.count({ where: { action: "call.refused", targetId: res.sid, tenantId: null } })).toBe(1);
  });

  it("refuses a suspended workspace's call and logs it as TENANT_SUSPENDED", async () => {
    const t = await tenantWithNumber("Suspended");
    await getDb().tenant.update({ where: { id: t.tenant.id }, data: { status: "SUSPENDED", suspendedAt: new Date() } });
    await expectRefused(t, "TENANT_SUSPENDED", /not available/);
  });

  it("refuses a disabled agent, and a number without an agent, as AGENT_DISABLED", async () => {
    const t = await tenantWithNumber("Disabled", { enabled: false });
    await expectRefused(t, "AGENT_DISABLED", /no one can take your call/);
    await getDb().phoneNumber.update({ where: { id: t.number.id }, data: { agentId: null } });
    const row = await expectRefused(t, "AGENT_DISABLED", /no one can take your call/);
    expect(row.agentId).toBeNull();
  });

  it("refuses once this month's minutes are used up (QUOTA_EXCEEDED), counting only this month", async () => {
    const t = await tenantWithNumber("Quota");
    await getDb().tenant.update({ where: { id: t.tenant.id }, data: { monthlyMinutesQuota: 2 } });
    const old = new Date(Date.now() - 62 * 24 * 3600 * 1000);
    const past = { tenantId: t.tenant.id, provider: "TWILIO" as const, fromNumber: "+15550100000", toNumber: t.number.e164, status: "COMPLETED" as const };
    await getDb().call.create({ data: { ...past, providerCallId: callSid(), startedAt: old, durationSec: 600 } });
    await getDb().call.create({ data: { ...past, providerCallId: callSid(), durationSec: 119 } });
    expect(streamParameters((await call(t.number.e164)).xml).callId).toBeTruthy(); // 119 s < 120 s
    await getDb().call.create({ data: { ...past, providerCallId: callSid(), durationSec: 1 } });
    await expectRefused(t, "QUOTA_EXCEEDED", /cannot take your call/);
  });

  it("refuses with busy lines once the plan's concurrent calls are live (LINES_BUSY); a retry of a live call is still that call", async () => {
    const t = await tenantWithNumber("Lines");
    await getDb().tenant.update({ where: { id: t.tenant.id }, data: { maxConcurrentCalls: 2 } });
    const first = await call(t.number.e164);
    const second = await call(t.number.e164);
    expect(streamParameters(second.xml).callId).toBeTruthy();
    const row = await expectRefused(t, "LINES_BUSY", /all our lines are busy/);
    expect(row.status).toBe("COMPLETED");
    // Twilio retrying the first call's webhook gets the same connected answer, not a refusal.
    const retry = await call(t.number.e164, first.sid);
    expect(streamParameters(retry.xml).callId).toBe(streamParameters(first.xml).callId);
    // A line frees when a call ends; a row left live for hours (its end never reported) holds none.
    await getDb().call.update({ where: { provider_providerCallId: { provider: "TWILIO", providerCallId: first.sid } }, data: { status: "COMPLETED" } });
    expect(streamParameters((await call(t.number.e164)).xml).callId).toBeTruthy();
    await getDb().call.updateMany({ where: { tenantId: t.tenant.id, status: "IN_PROGRESS" }, data: { startedAt: new Date(Date.now() - 5 * 3600 * 1000) } });
    expect(streamParameters((await call(t.number.e164)).xml).callId).toBeTruthy();
    // Another workspace's live calls never count against this one.
    const other = await tenantWithNumber("Lines other");
    await getDb().tenant.update({ where: { id: other.tenant.id }, data: { maxConcurrentCalls: 1 } });
    expect(streamParameters((await call(other.number.e164)).xml).callId).toBeTruthy();
  });

  it("refuses as lines busy once the deployment holds VOICE_MAX_CALLS live calls, whichever workspaces hold them", async () => {
    const a = await tenantWithNumber("Capacity A");
    const b = await tenantWithNumber("Capacity B");
    const liveNow = () => getDb().call.count({ where: liveCallsWhere(new Date()) });
    // Room for exactly one more call on the platform (other files' calls may be live in this database).
    const max = (await liveNow()) + 1;
    const first = await receiveInboundCall({ callSid: callSid(), from: "+15550009999", to: a.number.e164, voiceMaxCalls: max });
    expect(first.kind).toBe("connected");
    // Workspace B's plan has lines free, but the platform is full: refused and logged like a busy plan.
    const refusedSid = callSid();
    const refused = await receiveInboundCall({ callSid: refusedSid, from: "+15550009999", to: b.number.e164, voiceMaxCalls: max });
    expect(refused).toMatchObject({ kind: "refused", reason: "LINES_BUSY" });
    expect(await callRow(refusedSid)).toMatchObject({ tenantId: b.tenant.id, status: "COMPLETED", endedReason: "LINES_BUSY" });
    // Without a limit (VOICE_MAX_CALLS unset) the same call goes through; and a freed slot lets B in.
    const unlimited = await receiveInboundCall({ callSid: callSid(), from: "+15550009999", to: b.number.e164, voiceMaxCalls: undefined });
    expect(unlimited.kind).toBe("connected");
    const ids = [first, unlimited].flatMap((o) => (o.kind === "connected" ? [o.callId] : []));
    await getDb().call.updateMany({ where: { id: { in: ids } }, data: { status: "COMPLETED" } });
    expect((await receiveInboundCall({ callSid: callSid(), from: "+15550009999", to: b.number.e164, voiceMaxCalls: max })).kind).toBe("connected");
  });

  it("after hours with PLAY_MESSAGE_AND_HANG_UP says the agent's message (or a default) and hangs up", async () => {
    const t = await tenantWithNumber("Closed", { businessHours: neverOpen, afterHoursAction: "PLAY_MESSAGE_AND_HANG_UP", afterHoursMessage: "We open at nine & close at five." });
    const row = await expectRefused(t, "AFTER_HOURS", /We open at nine &amp; close at five\./);
    expect(row.status).toBe("COMPLETED");
    await getDb().agent.update({ where: { id: t.agent.id }, data: { afterHoursMessage: null } });
    await expectRefused(t, "AFTER_HOURS", /We are closed right now/);
  });

  it("after hours with TAKE_MESSAGE connects in take-a-message mode", async () => {
    const t = await tenantWithNumber("Message", { businessHours: neverOpen, afterHoursAction: "TAKE_MESSAGE" });
    const res = await call(t.number.e164);
    const p = streamParameters(res.xml);
    expect(p.mode).toBe("after_hours_message");
    const row = await callRow(res.sid);
    expect(row).toMatchObject({ id: p.callId, status: "IN_PROGRESS", endedReason: null, metadata: { mode: "after_hours_message" } });
  });

  it("after hours with ANSWER_NORMALLY connects as usual, and TRANSFER dials the transfer number", async () => {
    const normal = await tenantWithNumber("Normal", { businessHours: neverOpen, afterHoursAction: "ANSWER_NORMALLY" });
    const res = await call(normal.number.e164);
    expect(Object.keys(streamParameters(res.xml)).sort()).toEqual(["callId", "callToken"]);

    const transfer = await tenantWithNumber("Transfer", { businessHours: neverOpen, afterHoursAction: "TRANSFER", transferPhoneNumber: "+15550100200" });
    const dialled = await call(transfer.number.e164);
    // The <Dial> leg reports its seconds to /api/twilio/dial-status when it ends (billed apart by Twilio).
    expect(dialled.xml).toMatch(/<Say[^>]*>[^<]+<\/Say><Dial action="([^"]+)" method="POST">\+15550100200<\/Dial>/);
    expect(/<Dial action="([^"]+)"/.exec(dialled.xml)?.[1]).toBe(`${new URL(getEnv().APP_URL).origin}/api/twilio/dial-status`);
    expect(await callRow(dialled.sid)).toMatchObject({ endedReason: "TRANSFERRED", metadata: { mode: "after_hours_transfer" } });
  });

  it("creates the Call in the number's workspace only", async () => {
    const before = await getDb().call.count({ where: { tenantId: b.tenant.id } });
    const res = await call(a.number.e164);
    expect((await callRow(res.sid))!.tenantId).toBe(a.tenant.id);
    expect(await getDb().call.count({ where: { tenantId: b.tenant.id } })).toBe(before);
    expect(res.xml).not.toContain(a.tenant.id);
    expect(res.xml).not.toContain(a.agent.id);
  });
});

async function expectRefused(t: Fixture, reason: string, said: RegExp) {
  const res = await call(t.number.e164);
  expect(res.status).toBe(200);
  expect(res.xml).toMatch(/<Say[^>]*>[^<]+<\/Say><Hangup\/><\/Response>$/);
  expect(res.xml).toMatch(said);
  expect(res.xml).not.toContain("<Connect>");
  const row = await callRow(res.sid);
  expect(row).toMatchObject({ tenantId: t.tenant.id, endedReason: reason, status: "COMPLETED" });
  expect(row!.endedAt).not.toBeNull();
  return row!;
}
