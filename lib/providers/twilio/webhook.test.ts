// The webhook gate without a database: the URL Twilio signed is APP_URL's, not the one this process
// sees behind a proxy, and nothing but a correct signature over that URL and the exact params passes.
import { describe, expect, it } from "vitest";
import { isAppError } from "../../errors";
import { signTwilioRequest } from "./signature";
import { publicWebhookUrl, readTwilioWebhook } from "./webhook";

const TOKEN = "unit-test-twilio-auth-token-000000000001";
const APP_URL = "https://frontdesk.example.com";
const params = { CallSid: `CA${"a".repeat(32)}`, To: "+15550100001", From: "+15550199999" };

function request(internalUrl: string, signature: string | null, body = new URLSearchParams(params).toString()): Request {
  const headers = new Headers({ "content-type": "application/x-www-form-urlencoded; charset=utf-8" });
  if (signature !== null) headers.set("x-twilio-signature", signature);
  return new Request(internalUrl, { method: "POST", headers, body });
}

async function rejection(p: Promise<unknown>): Promise<string | undefined> {
  try {
    await p;
    return undefined;
  } catch (err) {
    return isAppError(err) ? err.code : String(err);
  }
}

describe("readTwilioWebhook", () => {
  it("builds the signed URL from APP_URL's origin with the request's path and query", () => {
    expect(publicWebhookUrl(new Request("http://127.0.0.1:3000/api/twilio/voice?attempt=2"), APP_URL)).toBe(
      "https://frontdesk.example.com/api/twilio/voice?attempt=2",
    );
  });

  it("accepts a request signed over the public URL, even when it arrives on an internal one", async () => {
    const signature = signTwilioRequest(TOKEN, `${APP_URL}/api/twilio/voice?attempt=2`, params);
    const got = await readTwilioWebhook(request("http://127.0.0.1:3000/api/twilio/voice?attempt=2", signature), { authToken: TOKEN, appUrl: APP_URL });
    expect(got).toEqual(params);
  });

  it("refuses (FORBIDDEN) a signature over the internal URL, a dropped query, a changed param, or none", async () => {
    const opts = { authToken: TOKEN, appUrl: APP_URL };
    const internal = "http://127.0.0.1:3000/api/twilio/voice?attempt=2";
    const cases = [
      request(internal, signTwilioRequest(TOKEN, internal, params)),
      request(internal, signTwilioRequest(TOKEN, `${APP_URL}/api/twilio/voice`, params)),
      request(internal, signTwilioRequest(TOKEN, `${APP_URL}/api/twilio/voice?attempt=2`, { ...params, To: "+15550100002" })),
      request(internal, null),
      request(internal, ""),
    ];
    for (const req of cases) expect(await rejection(readTwilioWebhook(req, opts))).toBe("FORBIDDEN");
  });

  it("refuses a body that is not a form before checking anything else", async () => {
    const req = new Request("http://127.0.0.1:3000/api/twilio/voice", { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
    expect(await rejection(readTwilioWebhook(req, { authToken: TOKEN, appUrl: APP_URL }))).toBe("UNSUPPORTED_MEDIA_TYPE");
  });
});
