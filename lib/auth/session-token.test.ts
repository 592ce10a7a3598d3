import { encode } from "next-auth/jwt";
import { describe, expect, it, vi } from "vitest";
import { requireAuthSecret } from "../env";
import { issueSessionCookie, parseCookies, readSessionClaims, sessionCookieHeaders } from "./session-token";

// secureCookies() follows APP_URL: each test sets the URL the app is served at.
const appUrl = vi.hoisted(() => ({ value: "http://localhost:3000" }));
vi.mock("../env", async (importOriginal) => {
  const env = await importOriginal<typeof import("../env")>();
  return { ...env, getEnv: () => ({ ...env.getEnv(), APP_URL: appUrl.value }) };
});

const claims = (userId: string, tenantId: string | null) => ({ userId, tenantId, sessionId: `s-${userId}`, sessionVersion: 3 });

describe("session cookie", () => {
  it("round-trips the claims next-auth would put in the JWT, session id and version included", async () => {
    const cookie = await issueSessionCookie(claims("u1", "t1"));
    expect(await readSessionClaims(`theme=dark; ${cookie}`)).toEqual({ userId: "u1", tenantId: "t1", sessionId: "s-u1", sessionVersion: 3 });
  });

  it("reads chunked cookies", async () => {
    const value = (await issueSessionCookie(claims("u2", "t2"))).split("=")[1]!;
    const header = `next-auth.session-token.0=${value.slice(0, 50)}; next-auth.session-token.1=${value.slice(50)}`;
    expect(await readSessionClaims(header)).toMatchObject({ userId: "u2", tenantId: "t2" });
  });

  it("rejects missing, tampered and foreign tokens", async () => {
    const cookie = await issueSessionCookie(claims("u1", "t1"));
    expect(await readSessionClaims(null)).toBeNull();
    expect(await readSessionClaims(cookie.slice(0, -3) + "abc")).toBeNull();
    expect(await readSessionClaims("next-auth.session-token=not-a-jwt")).toBeNull();
  });

  it("refuses a token without a server-side session (issued before sessions could be revoked)", async () => {
    const legacy = await encode({ token: { sub: "u1", tenantId: "t1" }, secret: requireAuthSecret() });
    expect(await readSessionClaims(`next-auth.session-token=${legacy}`)).toBeNull();
  });

  it("parses cookie headers, tolerating malformed escapes", () => {
    expect(parseCookies("a=1; b=x%20y").get("b")).toBe("x y");
    expect(parseCookies("bad=%E0%A4%A; ok=1").get("ok")).toBe("1");
  });

  it("sets and clears the cookie under next-auth's names", () => {
    appUrl.value = "http://localhost:3000";
    const set = sessionCookieHeaders("tok").getSetCookie();
    expect(set).toHaveLength(1);
    expect(set[0]).toMatch(/^next-auth\.session-token=tok; Path=\/; HttpOnly; SameSite=Lax; Max-Age=\d+$/);
    const cleared = sessionCookieHeaders(null).getSetCookie();
    expect(cleared.map((c) => c.split("=")[0])).toEqual(["next-auth.session-token", "__Secure-next-auth.session-token"]);
    expect(cleared.every((c) => c.includes("Max-Age=0"))).toBe(true);

    appUrl.value = "https://app.example.com";
    const secure = sessionCookieHeaders("tok").getSetCookie();
    expect(secure).toHaveLength(1);
    expect(secure[0]).toMatch(/^__Secure-next-auth\.session-token=tok;.*; Secure$/);
    expect(sessionCookieHeaders(null).getSetCookie().every((c) => c.includes("Max-Age=0") && c.endsWith("; Secure"))).toBe(true);
  });
});
