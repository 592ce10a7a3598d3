// Reading a Twilio webhook: a size-capped form body, verified against X-Twilio-Signature before any
// of it is trusted. The signature covers the URL Twilio called, which behind a proxy or tunnel is not
// the URL this process sees, so it is rebuilt from APP_URL (the public origin) + the path and query.
// There is no cookie and no CSRF check: the signature is the authentication.
import { getEnv } from "../../env";
import { AppError } from "../../errors";
import { readBodyText } from "../../http/read-body";
import { getTwilioAuthToken } from "./auth-token";
import { isValidTwilioSignature, TWILIO_SIGNATURE_HEADER, type TwilioParams } from "./signature";

// Twilio's voice and status parameters are a few dozen short fields: 64 kB is far above any of them.
export const MAX_WEBHOOK_BYTES = 64_000;

/** The URL Twilio signed: APP_URL's origin with this request's path and query. */
export function publicWebhookUrl(req: Request, appUrl: string = getEnv().APP_URL): string {
  const { pathname, search } = new URL(req.url);
  return `${new URL(appUrl).origin}${pathname}${search}`;
}

function parseForm(body: string): TwilioParams {
  const params: TwilioParams = {};
  // Twilio never repeats a key; if one is repeated the last wins, and the signature check (which sees
  // the same object) decides whether the request stands.
  for (const [key, value] of new URLSearchParams(body)) params[key] = value;
  return params;
}

/** The verified form parameters of a Twilio webhook; 415 for a non-form body, 403 for a bad signature. */
export async function readTwilioWebhook(req: Request, opts: { authToken?: string; appUrl?: string } = {}): Promise<TwilioParams> {
  const type = (req.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (type !== "application/x-www-form-urlencoded") {
    throw new AppError("UNSUPPORTED_MEDIA_TYPE", "Twilio webhooks are application/x-www-form-urlencoded");
  }
  const params = parseForm(await readBodyText(req, MAX_WEBHOOK_BYTES));
  const authToken = opts.authToken ?? (await getTwilioAuthToken());
  const url = publicWebhookUrl(req, opts.appUrl);
  if (!isValidTwilioSignature(authToken, req.headers.get(TWILIO_SIGNATURE_HEADER), url, params)) {
    throw new AppError("FORBIDDEN", "Invalid Twilio signature");
  }
  return params;
}

/** A TwiML (XML) response. */
export function twimlResponse(xml: string, status = 200): Response {
  return new Response(xml, { status, headers: { "content-type": "text/xml; charset=utf-8", "cache-control": "no-store" } });
}
