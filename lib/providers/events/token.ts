// The bearer token of the voice server's /internal/events socket. Derived from AUTH_SECRET with HKDF
// (like the call token), so every process of one deployment knows it and there is nothing to configure.
import { hkdfSync, timingSafeEqual } from "node:crypto";

export function internalEventsToken(secret: string): string {
  return Buffer.from(hkdfSync("sha256", secret, "", "frontdesk internal events", 32)).toString("base64url");
}

/** Constant-time check of an Authorization header against the expected token. */
export function checkBearer(header: string | undefined, expected: string): boolean {
  const m = header ? /^Bearer ([A-Za-z0-9_-]{43})$/.exec(header.trim()) : null;
  return !!m && timingSafeEqual(Buffer.from(m[1]!), Buffer.from(expected));
}
