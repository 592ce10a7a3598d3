// Reads next-auth's session cookie straight from a Request's headers, so the same guard works in
// route handlers, server components (via next/headers) and integration tests. The JWT names a
// server-side session row (sid) and the user's session version (sv): lib/tenant/resolve-session.ts
// checks both on every request, so a signed-out or revoked cookie stops working at once.
import { decode, encode } from "next-auth/jwt";
import { getEnv, requireAuthSecret } from "../env";

export const SESSION_MAX_AGE_SEC = 30 * 24 * 60 * 60;
const COOKIE_NAMES = ["__Secure-next-auth.session-token", "next-auth.session-token"];

export type SessionClaims = {
  userId: string;
  tenantId: string | null;
  /** UserSession.id (lib/auth/sessions.ts). */
  sessionId: string;
  /** User.sessionVersion when the session was issued; bumped to end every older session. */
  sessionVersion: number;
};

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value; // a malformed %-escape in someone else's cookie must not fail the request
  }
}

export function parseCookies(header: string | null): Map<string, string> {
  const jar = new Map<string, string>();
  for (const part of (header ?? "").split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0) jar.set(part.slice(0, eq).trim(), safeDecode(part.slice(eq + 1).trim()));
  }
  return jar;
}

/** The session cookie's value; next-auth splits large tokens into name.0, name.1, ... */
function sessionCookie(jar: Map<string, string>): string | undefined {
  for (const name of COOKIE_NAMES) {
    if (jar.has(name)) return jar.get(name);
    const chunks: string[] = [];
    for (let i = 0; jar.has(`${name}.${i}`); i++) chunks.push(jar.get(`${name}.${i}`)!);
    if (chunks.length) return chunks.join("");
  }
  return undefined;
}

export async function readSessionClaims(cookieHeader: string | null): Promise<SessionClaims | null> {
  const raw = sessionCookie(parseCookies(cookieHeader));
  if (!raw) return null;
  const secret = requireAuthSecret(); // outside the try: a missing secret is an error, not "signed out"
  try {
    const token = await decode({ token: raw, secret });
    if (!token?.sub) return null;
    // Tokens issued before server-side sessions (no sid) name no row that could be revoked: refused.
    if (typeof token.sid !== "string" || typeof token.sv !== "number") return null;
    const tenantId = typeof token.tenantId === "string" ? token.tenantId : null;
    return { userId: token.sub, tenantId, sessionId: token.sid, sessionVersion: token.sv };
  } catch {
    return null; // tampered, expired or signed with another secret
  }
}

/** The JWT fields next-auth's jwt callback stores (lib/auth/options.ts) for these claims. */
function sessionTokenFields(claims: SessionClaims) {
  return { sub: claims.userId, tenantId: claims.tenantId, sid: claims.sessionId, sv: claims.sessionVersion };
}

export async function encodeSessionToken(claims: SessionClaims): Promise<string> {
  return encode({ token: sessionTokenFields(claims), secret: requireAuthSecret(), maxAge: SESSION_MAX_AGE_SEC });
}

/** A session cookie as next-auth would issue it, as a Cookie request header (tests and tooling). */
export async function issueSessionCookie(claims: SessionClaims): Promise<string> {
  return `next-auth.session-token=${await encodeSessionToken(claims)}`;
}

/** next-auth uses secure ("__Secure-") cookies when the app's URL is https; so do we. */
export function secureCookies(): boolean {
  return getEnv().APP_URL.startsWith("https://");
}

/**
 * Set-Cookie headers that (re)set or clear the session cookie the way next-auth names it: the
 * "__Secure-" name over https (secureCookies()). Clearing sends both names, whichever the browser holds.
 */
export function sessionCookieHeaders(token: string | null): Headers {
  const secure = secureCookies();
  const attrs = (maxAge: number, secureAttr: boolean) => `Path=/; HttpOnly; SameSite=Lax; Max-Age=${maxAge}${secureAttr ? "; Secure" : ""}`;
  const cookies =
    token === null
      ? [`next-auth.session-token=; ${attrs(0, secure)}`, `__Secure-next-auth.session-token=; ${attrs(0, true)}`]
      : [`${secure ? "__Secure-next-auth.session-token" : "next-auth.session-token"}=${token}; ${attrs(SESSION_MAX_AGE_SEC, secure)}`];
  const headers = new Headers();
  for (const c of cookies) headers.append("set-cookie", c);
  return headers;
}
