// Numbers bought, imported and released through the real twilio SDK against the local Twilio REST
// server: the requests Twilio receives, our rows, the plan limit, tenant separation, and the voice
// webhook refusing a number that was typed rather than provisioned once Twilio keys are set.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../db/client";
import { createTwilioNumbers } from "../providers/twilio/numbers";
import { startFakeTwilioRest, type FakeTwilioRest } from "../test/fakes/twilio-rest";
import { createTestTenant, type TestTenant } from "../test/factories";
import { callSid, tenantWithNumber, voiceParams } from "../test/twilio";
import { answerVoiceWebhook } from "../telephony/voice-webhook";
import { userScope } from "../tenant/scope";
import { buyPhoneNumber, importPhoneNumber, NUMBER_NO_LONGER_FOR_SALE, NUMBER_NOT_IMPORTABLE, releasePhoneNumber, searchAvailableNumbers, type TwilioNumbersDeps } from "./provisioning";
import { createPhoneNumber } from "./service";

let fake: FakeTwilioRest;
let deps: TwilioNumbersDeps;
let a: TestTenant;
let b: TestTenant;
const hooks = { voiceUrl: "https://app.example/api/twilio/voice", statusCallback: "https://app.example/api/twilio/status" };

beforeAll(async () => {
  fake = await startFakeTwilioRest();
  deps = { numbers: createTwilioNumbers({ accountSid: fake.accountSid, authToken: fake.authToken, baseUrl: fake.url }), hooks };
  [a, b] = await Promise.all([createTestTenant("Provision A"), createTestTenant("Provision B")]);
});
afterAll(() => fake.close());

const scopeOf = (t: TestTenant) => userScope({ tenantId: t.tenant.id, role: "ADMIN", userId: t.admin.id });
const offer = (phoneNumber: string) => fake.available.push({ phoneNumber, locality: "Austin", region: "TX", country: "US" });
const errorOf = (p: Promise<unknown>) => p.then(() => null, (e: unknown) => e as { code: string; message: string; status: number });
const base = () => `/2010-04-01/Accounts/${fake.accountSid}`;

describe("numbers the business owns, through Twilio", () => {
  it("searches with Twilio's country path, AreaCode and Contains", async () => {
    offer("+15125550101");
    offer("+17375550102");
    const found = await searchAvailableNumbers(scopeOf(a), { areaCode: 512, contains: "0101" }, deps);
    expect(found).toEqual([{ e164: "+15125550101", friendlyName: "+15125550101", locality: "Austin", region: "TX", country: "US", voice: true }]);
    expect(fake.requests.at(-1)).toMatchObject({
      method: "GET",
      path: `${base()}/AvailablePhoneNumbers/US/Local.json`,
      query: { AreaCode: "512", Contains: "0101", VoiceEnabled: "true" },
    });
  });

  it("buys a number with our webhooks (POST) and stores it with its SID; the plan limit applies before any purchase", async () => {
    offer("+15125550111");
    const number = await buyPhoneNumber(scopeOf(a), { e164: "(512) 555-0111", label: "Main", agentId: null }, deps);
    const req = fake.requests.at(-1)!;
    expect(req).toMatchObject({ method: "POST", path: `${base()}/IncomingPhoneNumbers.json` });
    expect(req.form).toEqual({ PhoneNumber: "+15125550111", VoiceUrl: hooks.voiceUrl, VoiceMethod: "POST", StatusCallback: hooks.statusCallback, StatusCallbackMethod: "POST" });
    const owned = [...fake.owned.values()].find((n) => n.phoneNumber === "+15125550111")!;
    expect(number).toMatchObject({ e164: "+15125550111", provider: "TWILIO", providerSid: owned.sid, label: "Main" });

    const t = await createTestTenant("Provision quota");
    await getDb().tenant.update({ where: { id: t.tenant.id }, data: { maxPhoneNumbers: 0 } });
    offer("+15125550112");
    const before = fake.requests.length;
    expect(await errorOf(buyPhoneNumber(scopeOf(t), { e164: "+15125550112", label: null, agentId: null }, deps))).toMatchObject({ code: "QUOTA_EXCEEDED" });
    expect(fake.requests.length).toBe(before);
  });

  it("imports a number the account holds (repointing its webhooks); another workspace's reads like one not in the account", async () => {
    const held = fake.addOwned("+15125550121");
    const number = await importPhoneNumber(scopeOf(a), { e164: "+15125550121", label: null, agentId: null }, deps);
    expect(number).toMatchObject({ provider: "TWILIO", providerSid: held.sid });
    expect(fake.requests.at(-2)).toMatchObject({ method: "GET", path: `${base()}/IncomingPhoneNumbers.json`, query: { PhoneNumber: "+15125550121" } });
    expect(fake.requests.at(-1)).toMatchObject({ method: "POST", path: `${base()}/IncomingPhoneNumbers/${held.sid}.json`, form: { VoiceUrl: hooks.voiceUrl, StatusCallback: hooks.statusCallback } });

    const notInAccount = await errorOf(importPhoneNumber(scopeOf(b), { e164: "+15125550129", label: null, agentId: null }, deps));
    const heldByA = await errorOf(importPhoneNumber(scopeOf(b), { e164: "+15125550121", label: null, agentId: null }, deps));
    expect(notInAccount).toMatchObject({ code: "PHONE_NUMBER_TAKEN", message: NUMBER_NOT_IMPORTABLE });
    expect(heldByA).toMatchObject({ code: notInAccount!.code, message: notInAccount!.message });
    expect(await getDb().phoneNumber.findUnique({ where: { e164: "+15125550121" } })).toMatchObject({ tenantId: a.tenant.id });
  });

  it("releases at Twilio, then removes our row; another workspace's id is a 404 with no Twilio request", async () => {
    offer("+15125550131");
    const number = await buyPhoneNumber(scopeOf(a), { e164: "+15125550131", label: null, agentId: null }, deps);
    const before = fake.requests.length;
    expect(await errorOf(releasePhoneNumber(scopeOf(b), number.id, deps))).toMatchObject({ code: "NOT_FOUND" });
    expect(fake.requests.length).toBe(before);

    await releasePhoneNumber(scopeOf(a), number.id, deps);
    expect(fake.requests.at(-1)).toMatchObject({ method: "DELETE", path: `${base()}/IncomingPhoneNumbers/${number.providerSid}.json` });
    expect(fake.owned.has(number.providerSid!)).toBe(false);
    expect(await getDb().phoneNumber.findUnique({ where: { id: number.id } })).toBeNull();
  });

  it("a number Twilio no longer sells is refused as such; a refusal of our credentials is not blamed on the number", async () => {
    // Never offered (or bought meanwhile): Twilio answers 400 (21422).
    expect(await errorOf(buyPhoneNumber(scopeOf(a), { e164: "+15125550161", label: null, agentId: null }, deps))).toMatchObject({
      code: "PHONE_NUMBER_TAKEN",
      message: NUMBER_NO_LONGER_FOR_SALE,
    });
    offer("+15125550162");
    fake.failNext(401, 20003, "Authenticate");
    expect(await errorOf(buyPhoneNumber(scopeOf(a), { e164: "+15125550162", label: null, agentId: null }, deps))).toMatchObject({ code: "BUSY" });
    expect(await getDb().phoneNumber.count({ where: { e164: { in: ["+15125550161", "+15125550162"] } } })).toBe(0);
  });

  it("a Twilio fault is a retryable BUSY answer and stores nothing", async () => {
    offer("+15125550141");
    fake.failNext(500);
    expect(await errorOf(buyPhoneNumber(scopeOf(a), { e164: "+15125550141", label: null, agentId: null }, deps))).toMatchObject({ code: "BUSY" });
    expect(await getDb().phoneNumber.findUnique({ where: { e164: "+15125550141" } })).toBeNull();
  });

  it("without Twilio: buying is refused, typing a number works; with Twilio: typing is refused", async () => {
    expect(await errorOf(buyPhoneNumber(scopeOf(a), { e164: "+15125550151", label: null, agentId: null }, null))).toMatchObject({ code: "CONFLICT" });
    expect(await errorOf(createPhoneNumber(scopeOf(a), { e164: "+15550100151", label: null, agentId: null }, { twilio: true }))).toMatchObject({ code: "CONFLICT" });
    await createPhoneNumber(scopeOf(a), { e164: "+15550100151", label: null, agentId: null }, { twilio: false });
    // Another workspace typing it learns only that it is not available, not that it is on the platform.
    const taken = await errorOf(createPhoneNumber(scopeOf(b), { e164: "+15550100151", label: null, agentId: null }, { twilio: false }));
    expect(taken).toMatchObject({ code: "PHONE_NUMBER_TAKEN", message: "This number is not available to this workspace" });
  });

  it("with Twilio keys the voice webhook refuses a typed number and routes a provisioned one", async () => {
    const typed = await tenantWithNumber("Typed number");
    const refused = await answerVoiceWebhook(voiceParams(typed.number.e164, callSid()), { provisionedOnly: true });
    expect(refused).toContain("not in service");
    expect(await getDb().call.count({ where: { tenantId: typed.tenant.id } })).toBe(0);
    // Without keys (simulation) the same number still routes.
    expect(await answerVoiceWebhook(voiceParams(typed.number.e164, callSid()), { provisionedOnly: false })).toContain("<Connect>");

    await getDb().phoneNumber.update({ where: { id: typed.number.id }, data: { providerSid: `PN${"1".repeat(32)}` } });
    expect(await answerVoiceWebhook(voiceParams(typed.number.e164, callSid()), { provisionedOnly: true })).toContain("<Connect>");
  });
});
