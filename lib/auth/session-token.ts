// Reads next-auth's session cookie straight from a Request's headers, so the same guard works in
// route handlers, server components (via next/headers) and integration tests.
import { decode, encode } from "next-auth/jwt";
import { getEnv } from "../env";

export const SESSION_MAX_AGE_SEC = 30 * 24 * 60 * 60;
const COOKIE_NAMES = ["__Secure-next-auth.session-token", "next-auth.session-token"];

export type SessionClaims = { userId: string; tenantId: string | null };

export function parseCookies(header: string | null): Map<string, string> {
  const jar = new Map<string, string>();
  for (const part of (header ?? "").split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0) jar.set(part.slice(0, eq).trim(), decodeURIComponent(part.slice(eq + 1).trim()));
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
  try {
    const token = await decode({ token: raw, secret: getEnv().authSecret });
    if (!token?.sub) return null;
    const tenantId = typeof token.tenantId === "string" ? token.tenantId : null;
    return { userId: token.sub, tenantId };
  } catch {
    return null; // tampered, expired or signed with another secret
  }
}

/** A session cookie as next-auth would issue it (tests and tooling). */
export async function issueSessionCookie(claims: SessionClaims): Promise<string> {
  const token = await encode({
    token: { sub: claims.userId, tenantId: claims.tenantId },
    secret: getEnv().authSecret,
    maxAge: SESSION_MAX_AGE_SEC,
  });
  return `next-auth.session-token=${token}`;
}
