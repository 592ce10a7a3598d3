// The HTTP half of behaving like Twilio: the incoming-call webhook and the status callbacks, form
// encoded and signed with X-Twilio-Signature over the exact URL posted to, with the account's auth
// token (TWILIO_AUTH_TOKEN, or the development token file the app also reads).
import { getTwilioAuthToken } from "../../lib/providers/twilio/auth-token";
import { signTwilioRequest, TWILIO_SIGNATURE_HEADER } from "../../lib/providers/twilio/signature";
import { SimError } from "./errors";

export const VOICE_WEBHOOK_PATH = "/api/twilio/voice";
export const STATUS_CALLBACK_PATH = "/api/twilio/status";
/** One made-up account for every simulated call (the app does not check it). */
export const SIM_ACCOUNT_SID = `AC${"5".repeat(32)}`;

export interface CallIdentity {
  appUrl: string;
  authToken: string;
  callSid: string;
  accountSid: string;
  from: string;
  to: string;
}

/** The token the app verifies with: TWILIO_AUTH_TOKEN, else .data/twilio-auth-token (made if missing). */
export function resolveAuthToken(): Promise<string> {
  return getTwilioAuthToken();
}

async function postSigned(appUrl: string, path: string, authToken: string, params: Record<string, string>, timeoutMs = 15_000): Promise<Response> {
  const url = `${appUrl}${path}`;
  try {
    return await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", [TWILIO_SIGNATURE_HEADER]: signTwilioRequest(authToken, url, params) },
      body: new URLSearchParams(params).toString(),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (err) {
    throw new SimError("WEBHOOK_FAILED", `could not reach ${url} (is the app running? \`npm run dev\`): ${(err as Error).message}`, { cause: err });
  }
}

function callParams(c: CallIdentity): Record<string, string> {
  return { AccountSid: c.accountSid, ApiVersion: "2010-04-01", CallSid: c.callSid, Called: c.to, Caller: c.from, Direction: "inbound", From: c.from, To: c.to };
}

/** POST /api/twilio/voice as Twilio does on an incoming call; returns the TwiML. */
export async function postVoiceWebhook(c: CallIdentity): Promise<string> {
  const res = await postSigned(c.appUrl, VOICE_WEBHOOK_PATH, c.authToken, { ...callParams(c), CallStatus: "ringing" });
  const body = await res.text();
  if (res.status === 403) {
    throw new SimError(
      "WEBHOOK_FAILED",
      `the app rejected the webhook signature (403). The simulator signs ${c.appUrl}${VOICE_WEBHOOK_PATH} with ` +
        "TWILIO_AUTH_TOKEN or .data/twilio-auth-token: both sides need the same token, and --app-url must be the app's APP_URL.",
    );
  }
  if (!res.ok) throw new SimError("WEBHOOK_FAILED", `the voice webhook answered HTTP ${res.status}: ${body.slice(0, 200)}`);
  return body;
}

/** POST /api/twilio/status; `durationSec` goes with a final status. */
export async function postStatusCallback(c: CallIdentity, status: "in-progress" | "completed", durationSec?: number): Promise<void> {
  const params: Record<string, string> = { ...callParams(c), CallStatus: status, Timestamp: new Date().toUTCString() };
  if (durationSec !== undefined) {
    params.CallDuration = String(Math.round(durationSec));
    params.Duration = String(Math.ceil(durationSec / 60));
  }
  const res = await postSigned(c.appUrl, STATUS_CALLBACK_PATH, c.authToken, params);
  await res.arrayBuffer();
  if (!res.ok) throw new SimError("WEBHOOK_FAILED", `the status callback (${status}) answered HTTP ${res.status}`);
}
