// The Live view end to end: a simulated phone call (the signed Twilio webhook and a real media stream
// against the e2e voice server) appears on the owner's Live page with its transcript, is ended from
// the UI (the agent says goodbye and hangs up), and never reaches another workspace's Live page.
// Also measures publish → browser latency from the events' own timestamps.
import { randomBytes } from "node:crypto";
import { createRequire } from "node:module";
import type { Page } from "@playwright/test";
import { newTwilioSid } from "@/lib/providers/twilio/call-sid";
import { TwilioStreamClient } from "../server/sim/stream-client";
import { Ticker } from "../server/sim/ticker";
import { parseTwimlAnswer } from "../server/sim/twiml";
import { BASE_URL, DEMO, serverEnv } from "./support/env";
import { expect, newAccount, signInAs, signUpViaApi, test } from "./support/fixtures";

// Playwright's loader cannot resolve the twilio package's extensionless subpath that
// lib/providers/twilio/signature.ts (and so server/sim/twilio-http.ts) imports: require it directly.
const { getExpectedTwilioSignature } = createRequire(import.meta.url)("twilio/lib/webhooks/webhooks") as {
  getExpectedTwilioSignature(authToken: string, url: string, params: Record<string, string>): string;
};
const ACCOUNT_SID = `AC${"5".repeat(32)}`;

/** POST /api/twilio/voice signed as Twilio signs it (what the simulator's twilio-http.ts does). */
async function voiceWebhook(callSid: string, from: string): Promise<string> {
  const url = `${BASE_URL}/api/twilio/voice`;
  const params = { AccountSid: ACCOUNT_SID, ApiVersion: "2010-04-01", CallSid: callSid, Called: DEMO.agentNumber, Caller: from, Direction: "inbound", From: from, To: DEMO.agentNumber, CallStatus: "ringing" };
  const signature = getExpectedTwilioSignature(serverEnv().TWILIO_AUTH_TOKEN ?? "", url, params);
  const res = await fetch(url, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded", "x-twilio-signature": signature }, body: new URLSearchParams(params).toString() });
  expect(res.status, "the voice webhook").toBe(200);
  return res.text();
}

/** Starts a call to the demo agent and keeps its line open (silence, marks echoed) until the server ends it. */
async function placeCall(from: string) {
  const callSid = newTwilioSid("CA");
  const answer = parseTwimlAnswer(await voiceWebhook(callSid, from));
  if (answer.kind !== "stream") throw new Error(`the call was not connected: ${JSON.stringify(answer)}`);
  const client = new TwilioStreamClient({ url: answer.url, callSid, accountSid: ACCOUNT_SID, customParameters: answer.parameters });
  const ticker = new Ticker();
  await client.connect();
  const stop = ticker.add(client);
  return {
    callId: answer.parameters.callId!,
    client,
    async hangUp() {
      stop();
      ticker.stop();
      if (client.isOpen) client.stop();
      client.terminate();
    },
  };
}

/** Frames the page's sockets receive, with when they arrived (Playwright's clock = the server's: one machine). */
function watchSockets(page: Page) {
  const frames: { text: string; at: number }[] = [];
  page.on("websocket", (ws) => ws.on("framereceived", (f) => frames.push({ text: String(f.payload), at: Date.now() })));
  return frames;
}

test("a live call appears with its transcript, is ended from the UI, and stays within its workspace", async ({ page, browser }) => {
  await signInAs(page, DEMO.owner);
  const frames = watchSockets(page);
  await page.goto("/calls/live");
  await expect(page.getByTestId("live-connection")).toHaveText("Live");

  // Another workspace watches its own Live page the whole time.
  const other = await browser.newContext();
  const otherAccount = newAccount("livewatch");
  await signUpViaApi(other.request, otherAccount);
  const pageB = await other.newPage();
  const framesB = watchSockets(pageB);
  await pageB.goto("/calls/live");
  await expect(pageB.getByTestId("live-connection")).toHaveText("Live");

  const from = `+1555077${String(randomBytes(2).readUInt16BE(0) % 10_000).padStart(4, "0")}`;
  const call = await placeCall(from);
  try {
    const calls = page.getByRole("list", { name: "Calls in progress" });
    const row = calls.getByRole("listitem").filter({ hasText: from });
    await expect(row).toBeVisible({ timeout: 10_000 });
    await expect(row).toContainText(DEMO.agentName);
    await row.getByRole("button", { name: new RegExp(from.replace("+", "\\+")) }).click();
    // The demo agent greets according to its business hours when the test runs: with the practice's
    // name in hours, with its after-hours message (the seed's) outside them.
    await expect(page.getByRole("region", { name: /Transcript of the call/ })).toContainText(/Bright Smile Dental|Our office is closed right now/, { timeout: 10_000 });

    await row.getByRole("button", { name: "End call" }).click();
    const dialog = page.getByRole("alertdialog", { name: "End this call?" });
    await dialog.getByRole("button", { name: "End call" }).click();
    // The goodbye is spoken (its sentence arrives live), then the agent hangs up and the row leaves.
    await expect(page.getByRole("region", { name: /Transcript of the call/ })).toContainText("I have to end the call now", { timeout: 10_000 });
    await expect(row).toHaveCount(0, { timeout: 20_000 });
    await expect(page.getByText("No calls right now")).toBeVisible();
    const closed = await Promise.race([call.client.closed, new Promise<null>((r) => setTimeout(() => r(null), 10_000))]);
    expect(closed, "the voice server hung up the stream").not.toBeNull();

    // The other workspace saw nothing: not on its page, not one frame on its socket.
    await expect(pageB.getByText("No calls right now")).toBeVisible();
    await expect(pageB.getByText(from)).toHaveCount(0);
    expect(framesB.some((f) => f.text.includes(call.callId))).toBe(false);
    expect(framesB.some((f) => f.text.includes('"type":"event"'))).toBe(false);

    // publish → browser: the event's own time (set as it was published) to its arrival on the socket.
    const lags = frames
      .map((f) => JSON.parse(f.text) as { type: string; event?: { at: string; callId: string } })
      .map((m, i) => (m.type === "event" && m.event?.callId === call.callId ? frames[i]!.at - Date.parse(m.event.at) : NaN))
      .filter((n) => Number.isFinite(n))
      .sort((a, b) => a - b);
    expect(lags.length).toBeGreaterThan(3);
    const pct = (p: number) => lags[Math.min(lags.length - 1, Math.floor((p / 100) * lags.length))]!;
    console.log(`[live] publish → browser over ${lags.length} events: p50 ${pct(50)} ms, p95 ${pct(95)} ms, max ${lags.at(-1)} ms`);
  } finally {
    await call.hangUp();
    await other.close();
  }
});
