// The browser token: how a signed-in user's browser proves itself to the voice server, which has no
// session cookie of the app's (another origin, another process). The app mints one from the session
// (a route behind withTenant), the browser presents it when it opens its WebSocket, the voice server
// checks it before any work. Short-lived and bound to one purpose, so a token leaked from the live
// view cannot open a test call, and one copied from a log is useless a minute later.
// Format: v1.<claims as base64url JSON>.<HMAC-SHA256 over version, purpose and claims, base64url>.
// The key is derived from AUTH_SECRET (HKDF, its own label), so there is no extra secret to configure.
import { createHmac, hkdfSync, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import { requireAuthSecret } from "../env";
import { resourceId } from "../http/params";

export type BrowserTokenPurpose = "live" | "test-call";

/** Enough to open the socket after the page asked for it; a reconnect asks again. */
export const BROWSER_TOKEN_TTL_SEC = 60;
const VERSION = "v1";
const MAX_TOKEN_CHARS = 1024;

const claimsSchema = z.strictObject({
  purpose: z.enum(["live", "test-call"]),
  tenantId: resourceId,
  userId: resourceId,
  role: z.enum(["ADMIN", "USER"]),
  /** test-call: the agent the call talks to (checked against the tenant by the route that minted it). */
  agentId: resourceId.optional(),
  /** Expiry, unix seconds. */
  exp: z.number().int().positive(),
});

export type BrowserTokenClaims = z.infer<typeof claimsSchema>;

function key(secret: string): Buffer {
  return Buffer.from(hkdfSync("sha256", secret, "", "frontdesk browser token", 32));
}

function mac(secret: string, body: string): string {
  return createHmac("sha256", key(secret)).update(`${VERSION}\n${body}`).digest("base64url");
}

type IssueInput = Omit<BrowserTokenClaims, "exp"> & { now?: Date; ttlSec?: number; secret?: string };

export function issueBrowserToken(input: IssueInput): string {
  const { now, ttlSec, secret, ...rest } = input;
  const claims = claimsSchema.parse({ ...rest, exp: Math.floor((now ?? new Date()).getTime() / 1000) + (ttlSec ?? BROWSER_TOKEN_TTL_SEC) });
  const body = Buffer.from(JSON.stringify(claims)).toString("base64url");
  return `${VERSION}.${body}.${mac(secret ?? requireAuthSecret(), body)}`;
}

export type BrowserTokenCheck =
  | { ok: true; claims: BrowserTokenClaims }
  | { ok: false; reason: "malformed" | "bad_signature" | "expired" | "wrong_purpose" };

/** Checks a token for one purpose. Never throws on bad input. */
export function verifyBrowserToken(token: unknown, opts: { purpose: BrowserTokenPurpose; now?: Date; secret?: string }): BrowserTokenCheck {
  if (typeof token !== "string" || token.length > MAX_TOKEN_CHARS) return { ok: false, reason: "malformed" };
  const parts = token.split(".");
  if (parts.length !== 3 || parts[0] !== VERSION) return { ok: false, reason: "malformed" };
  const [, body, sig] = parts as [string, string, string];
  if (!/^[A-Za-z0-9_-]+$/.test(body) || !/^[A-Za-z0-9_-]{43}$/.test(sig)) return { ok: false, reason: "malformed" };
  // Signature before anything the claims say: a forgery is reported as one whatever it claims.
  const expected = Buffer.from(mac(opts.secret ?? requireAuthSecret(), body));
  if (!timingSafeEqual(expected, Buffer.from(sig))) return { ok: false, reason: "bad_signature" };
  let claims: BrowserTokenClaims;
  try {
    const parsed = claimsSchema.safeParse(JSON.parse(Buffer.from(body, "base64url").toString("utf8")));
    if (!parsed.success) return { ok: false, reason: "malformed" };
    claims = parsed.data;
  } catch {
    return { ok: false, reason: "malformed" };
  }
  if (claims.purpose !== opts.purpose) return { ok: false, reason: "wrong_purpose" };
  if (claims.exp * 1000 <= (opts.now ?? new Date()).getTime()) return { ok: false, reason: "expired" };
  return { ok: true, claims };
}

/** Where the browser finds the token on the socket it opens: `?token=` (a browser WebSocket cannot set headers). */
export function browserTokenFromUrl(url: string | undefined): string | null {
  if (!url) return null;
  try {
    return new URL(url, "http://voice.invalid").searchParams.get("token");
  } catch {
    return null;
  }
}
