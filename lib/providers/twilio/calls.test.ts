// The hang-up and transfer requests, through the real twilio SDK, as the local Twilio REST server
// receives them: path, basic auth, form body; and Twilio's errors as TwilioRestError.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeTwilioRest, type FakeTwilioRest } from "../../test/fakes/twilio-rest";
import { newTwilioSid } from "./call-sid";
import { createTwilioCallControl, type TwilioCallControl } from "./calls";
import { TwilioRestError } from "./rest-client";

let fake: FakeTwilioRest;
let control: TwilioCallControl;

beforeAll(async () => {
  fake = await startFakeTwilioRest();
  control = createTwilioCallControl({ accountSid: fake.accountSid, authToken: fake.authToken, baseUrl: fake.url });
});
afterAll(() => fake.close());

const last = () => fake.requests.at(-1)!;

describe("Twilio call control over REST", () => {
  it("hangs up with Status=completed on the call's resource, basic-authenticated with SID:token", async () => {
    const sid = newTwilioSid("CA");
    fake.calls.add(sid);
    await control.complete(sid);
    expect(last()).toMatchObject({
      method: "POST",
      path: `/2010-04-01/Accounts/${fake.accountSid}/Calls/${sid}.json`,
      contentType: "application/x-www-form-urlencoded",
      authorization: `Basic ${Buffer.from(`${fake.accountSid}:${fake.authToken}`).toString("base64")}`,
      form: { Status: "completed" },
    });
  });

  it("transfers with TwiML that says a line, then dials the number", async () => {
    const sid = newTwilioSid("CA");
    fake.calls.add(sid);
    await control.transfer(sid, "+15125550142", { line: "Connecting you & yours.", language: "en-US" });
    const req = last();
    expect(req.path).toBe(`/2010-04-01/Accounts/${fake.accountSid}/Calls/${sid}.json`);
    expect(Object.keys(req.form)).toEqual(["Twiml"]);
    expect(req.form.Twiml).toBe(
      '<?xml version="1.0" encoding="UTF-8"?><Response><Say language="en-US">Connecting you &amp; yours.</Say><Dial>+15125550142</Dial></Response>',
    );
  });

  it("reports Twilio's status and error code, and a wrong token as 401", async () => {
    const sid = newTwilioSid("CA");
    fake.calls.add(sid);
    fake.failNext(500, 20500, "Internal Server Error");
    const err = await control.complete(sid).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TwilioRestError);
    expect(err).toMatchObject({ status: 500, twilioCode: 20500 });

    const unknown = await control.complete(newTwilioSid("CA")).catch((e: unknown) => e);
    expect(unknown).toMatchObject({ status: 404, twilioCode: 20404 });

    const wrong = createTwilioCallControl({ accountSid: fake.accountSid, authToken: "not-the-token", baseUrl: fake.url });
    expect(await wrong.complete(sid).catch((e: unknown) => e)).toMatchObject({ status: 401, twilioCode: 20003 });
  });
});
