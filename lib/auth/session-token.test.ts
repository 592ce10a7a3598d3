import { describe, expect, it } from "vitest";
import { issueSessionCookie, parseCookies, readSessionClaims } from "./session-token";

describe("session cookie", () => {
  it("round-trips the claims next-auth would put in the JWT", async () => {
    const cookie = await issueSessionCookie({ userId: "u1", tenantId: "t1" });
    expect(await readSessionClaims(`theme=dark; ${cookie}`)).toEqual({ userId: "u1", tenantId: "t1" });
  });

  it("reads chunked cookies", async () => {
    const value = (await issueSessionCookie({ userId: "u2", tenantId: "t2" })).split("=")[1]!;
    const header = `next-auth.session-token.0=${value.slice(0, 50)}; next-auth.session-token.1=${value.slice(50)}`;
    expect(await readSessionClaims(header)).toEqual({ userId: "u2", tenantId: "t2" });
  });

  it("rejects missing, tampered and foreign tokens", async () => {
    const cookie = await issueSessionCookie({ userId: "u1", tenantId: "t1" });
    expect(await readSessionClaims(null)).toBeNull();
    expect(await readSessionClaims(cookie.slice(0, -3) + "abc")).toBeNull();
    expect(await readSessionClaims("next-auth.session-token=not-a-jwt")).toBeNull();
  });

  it("parses cookie headers", () => {
    expect(parseCookies("a=1; b=x%20y").get("b")).toBe("x y");
  });
});
