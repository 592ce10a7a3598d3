// Hang-up and transfer through the real twilio SDK against the local Twilio REST server, with the
// faults recorded on the call: a Twilio error is a "provider.fault" CallEvent, the Call row untouched.
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../db/client";
import { newTwilioSid } from "../providers/twilio/call-sid";
import { createTwilioCallControl } from "../providers/twilio/calls";
import { startFakeTwilioRest, type FakeTwilioRest } from "../test/fakes/twilio-rest";
import { createTestCall } from "../test/factories";
import { tenantWithNumber } from "../test/twilio";
import { createPhoneCallControl, type PhoneCallControl } from "./call-control";
import { dialActionUrl } from "./dial-status";

let fake: FakeTwilioRest;
let control: PhoneCallControl;

beforeAll(async () => {
  fake = await startFakeTwilioRest();
  const rest = createTwilioCallControl({ accountSid: fake.accountSid, authToken: fake.authToken, baseUrl: fake.url });
  control = createPhoneCallControl({ db: getDb(), rest, logger: pino({ level: "silent" }) });
});
afterAll(() => fake.close());

async function liveCall(language = "en-US") {
  const t = await tenantWithNumber("Call control", { language });
  const callSid = newTwilioSid("CA");
  const call = await createTestCall(t.tenant.id, { agentId: t.agent.id, providerCallId: callSid, status: "COMPLETED", endedReason: "TRANSFERRED" });
  fake.calls.add(callSid);
  return { ref: { callId: call.id, callSid }, call };
}

const faults = (callId: string) => getDb().callEvent.findMany({ where: { callId, type: "provider.fault" } });

describe("phone call control through Twilio REST", () => {
  it("transfers with <Say> in the agent's language then <Dial>, and records no fault", async () => {
    const { ref } = await liveCall("fr-FR");
    expect(await control.transfer(ref, "+15125550142")).toBe(true);
    const req = fake.requests.at(-1)!;
    expect(req.path).toBe(`/2010-04-01/Accounts/${fake.accountSid}/Calls/${ref.callSid}.json`);
    expect(req.form.Twiml).toMatch(/<Say language="fr-FR">[^<]+<\/Say><Dial action="[^"]+" method="POST">\+15125550142<\/Dial><\/Response>$/);
    // Where Twilio posts the <Dial> leg's outcome, so the forwarded minutes are costed.
    expect(/<Dial action="([^"]+)"/.exec(req.form.Twiml!)?.[1]).toBe(dialActionUrl());
    expect(await faults(ref.callId)).toEqual([]);
  });

  it("a refused transfer is a provider.fault event and leaves the call record as it was", async () => {
    const { ref, call } = await liveCall();
    fake.failNext(500, 20500, "Internal Server Error");
    expect(await control.transfer(ref, "+15125550142")).toBe(false);
    const [fault] = await faults(ref.callId);
    expect(fault?.payload).toMatchObject({ provider: "twilio", capability: "telephony", action: "hung_up" });
    expect(String((fault?.payload as { error: string }).error)).toContain("500");
    const after = await getDb().call.findUniqueOrThrow({ where: { id: call.id } });
    expect(after).toMatchObject({ status: "COMPLETED", endedReason: "TRANSFERRED" });
  });

  it("completes with Status=completed; a call Twilio already ended is not a fault, a 503 is", async () => {
    const { ref } = await liveCall();
    await control.complete(ref, "hangup");
    expect(fake.requests.at(-1)).toMatchObject({ method: "POST", form: { Status: "completed" } });

    fake.calls.delete(ref.callSid); // Twilio answers 404 for a call that is over
    await control.complete(ref, "hangup");
    expect(await faults(ref.callId)).toEqual([]);

    fake.failNext(503, 20503, "Service Unavailable");
    await control.complete(ref, "internal_error");
    expect((await faults(ref.callId)).map((f) => f.payload)).toMatchObject([{ provider: "twilio", action: "none (stream closed: internal_error)" }]);
  });
});
