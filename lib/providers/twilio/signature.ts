// X-Twilio-Signature: HMAC over the URL Twilio requested plus the sorted form parameters, keyed with
// the account's auth token. Checked with the twilio package's own validator, so the edge cases (ports,
// query strings) are Twilio's, not ours. The URL must be the public one Twilio called (see webhook.ts).
import { getExpectedTwilioSignature, validateRequest } from "twilio/lib/webhooks/webhooks";

export const TWILIO_SIGNATURE_HEADER = "x-twilio-signature";

export type TwilioParams = Record<string, string>;

export function isValidTwilioSignature(authToken: string, signature: string | null, url: string, params: TwilioParams): boolean {
  if (!signature) return false;
  try {
    return validateRequest(authToken, signature, url, params);
  } catch {
    return false; // a malformed URL or header is a forgery as far as we are concerned
  }
}

/** What Twilio would send for this request: used by the simulator and tests to sign like Twilio. */
export function signTwilioRequest(authToken: string, url: string, params: TwilioParams): string {
  return getExpectedTwilioSignature(authToken, url, params);
}
