// Test support for the Twilio webhook db tests (app/api/twilio/*.db.test.ts): requests signed exactly
// as Twilio signs them, and the tenant/agent/number fixtures a call needs. Not imported by the app.
import { randomBytes } from "node:crypto";
import { getDb } from "../db/client";
import { WEEKDAYS } from "../agents/options";
import { getEnv } from "../env";
import { signTwilioRequest } from "../providers/twilio/signature";
import { newTwilioSid } from "../providers/twilio/call-sid";
import { createTestTenant } from "./factories";

export const callSid = () => newTwilioSid("CA");
export const e164 = () => `+1555${String(randomBytes(4).readUInt32BE() % 10_000_000).padStart(7, "0")}`;

const ALWAYS = [{ open: "00:00", close: "24:00" }];
const alwaysOpen = Object.fromEntries(WEEKDAYS.map((d) => [d, ALWAYS]));
export const neverOpen = Object.fromEntries(WEEKDAYS.map((d) => [d, []]));

type SignOpts = { signature?: string | null; signedUrl?: string; signedParams?: Record<string, string>; token?: string; body?: string; contentType?: string };

/** A POST to `path` as Twilio sends it: form body, X-Twilio-Signature over APP_URL + path and the params. */
export function twilioRequest(path: string, params: Record<string, string>, opts: SignOpts = {}): Request {
  const env = getEnv();
  const url = `${env.APP_URL}${path}`;
  const headers = new Headers({ "content-type": opts.contentType ?? "application/x-www-form-urlencoded" });
  const signature =
    opts.signature !== undefined
      ? opts.signature
      : signTwilioRequest(opts.token ?? env.TWILIO_AUTH_TOKEN!, opts.signedUrl ?? url, opts.signedParams ?? params);
  if (signature !== null) headers.set("x-twilio-signature", signature);
  return new Request(url, { method: "POST", headers, body: opts.body ?? new URLSearchParams(params).toString() });
}

export function voiceParams(to: string, sid: string, extra: Record<string, string> = {}): Record<string, string> {
  return { AccountSid: `AC${"0".repeat(32)}`, CallSid: sid, From: "+15550199999", To: to, CallStatus: "ringing", Direction: "inbound", ...extra };
}

/** A tenant with one agent and one number routed to it. */
export async function tenantWithNumber(name: string, agent: Record<string, unknown> = {}) {
  const t = await createTestTenant(name);
  const db = getDb();
  const created = await db.agent.create({
    data: { tenantId: t.tenant.id, name: "Reception", greeting: "Hello!", systemPrompt: "Be helpful.", businessHours: alwaysOpen, ...agent },
  });
  const number = await db.phoneNumber.create({ data: { tenantId: t.tenant.id, agentId: created.id, e164: e164(), provider: "TWILIO" } });
  return { ...t, agent: created, number };
}

/** The <Parameter>s of a <Stream>, by name. */
export function streamParameters(xml: string): Record<string, string> {
  return Object.fromEntries([...xml.matchAll(/<Parameter name="([^"]*)" value="([^"]*)"\/>/g)].map((m) => [m[1]!, m[2]!]));
}
