// The call token: proof, for the voice server, that a media stream belongs to a call the app answered.
// Twilio drops query strings from stream URLs, so the voice webhook hands it over as a <Parameter>
// together with the call id; the voice server checks it against start.callSid before any audio work.
// Format: v1.<callId>.<expiry, unix seconds>.<HMAC-SHA256 over callId, CallSid and expiry, base64url>.
// The CallSid is bound but not carried: a token copied onto another call's stream does not verify.
// The key is derived from AUTH_SECRET (HKDF), so there is no extra secret to configure.
import { createHmac, hkdfSync, timingSafeEqual } from "node:crypto";
import { requireAuthSecret } from "../env";
import { resourceId } from "../http/params";

/** Long enough for Twilio to open the stream after the webhook answered; short enough to be useless later. */
export const CALL_TOKEN_TTL_SEC = 120;
const VERSION = "v1";
const isId = (s: string) => resourceId.safeParse(s).success;

function key(secret: string): Buffer {
  return Buffer.from(hkdfSync("sha256", secret, "", "frontdesk call token", 32));
}

function mac(secret: string, callId: string, callSid: string, exp: number): string {
  return createHmac("sha256", key(secret)).update(`${VERSION}\n${callId}\n${callSid}\n${exp}`).digest("base64url");
}

type CallTokenInput = { callId: string; callSid: string; now?: Date; ttlSec?: number; secret?: string };

export function issueCallToken(input: CallTokenInput): string {
  if (!isId(input.callId) || !isId(input.callSid)) throw new Error("issueCallToken: callId and callSid must be plain ids");
  const secret = input.secret ?? requireAuthSecret();
  const exp = Math.floor((input.now ?? new Date()).getTime() / 1000) + (input.ttlSec ?? CALL_TOKEN_TTL_SEC);
  return `${VERSION}.${input.callId}.${exp}.${mac(secret, input.callId, input.callSid, exp)}`;
}

type CallTokenCheck = { ok: true; callId: string } | { ok: false; reason: "malformed" | "expired" | "bad_signature" };

/** Checks a token against the CallSid of the stream presenting it. Never throws on bad input. */
export function verifyCallToken(token: unknown, opts: { callSid: string; now?: Date; secret?: string }): CallTokenCheck {
  if (typeof token !== "string" || token.length > 300) return { ok: false, reason: "malformed" };
  const parts = token.split(".");
  if (parts.length !== 4 || parts[0] !== VERSION) return { ok: false, reason: "malformed" };
  const [, callId, expText, sig] = parts as [string, string, string, string];
  if (!isId(callId) || !/^\d{1,12}$/.test(expText) || !/^[A-Za-z0-9_-]{43}$/.test(sig)) return { ok: false, reason: "malformed" };
  const secret = opts.secret ?? requireAuthSecret();
  const expected = Buffer.from(mac(secret, callId, opts.callSid, Number(expText)));
  // Signature before expiry: an expired forgery is reported as a forgery.
  if (!timingSafeEqual(expected, Buffer.from(sig))) return { ok: false, reason: "bad_signature" };
  if (Number(expText) * 1000 <= (opts.now ?? new Date()).getTime()) return { ok: false, reason: "expired" };
  return { ok: true, callId };
}
