import { describe, expect, it } from "vitest";
import { browserTokenFromUrl, issueBrowserToken, verifyBrowserToken } from "./browser-token";

const secret = "s".repeat(40);
const now = new Date("2026-12-01T12:00:00Z");
const base = { purpose: "live" as const, tenantId: "tenant_a", userId: "user_1", role: "ADMIN" as const, secret, now };

describe("browser token", () => {
  it("round-trips its claims for its purpose", () => {
    const token = issueBrowserToken(base);
    const check = verifyBrowserToken(token, { purpose: "live", secret, now });
    expect(check).toEqual({ ok: true, claims: { purpose: "live", tenantId: "tenant_a", userId: "user_1", role: "ADMIN", exp: now.getTime() / 1000 + 60 } });
  });

  it("refuses another purpose, expiry, another secret and edited claims", () => {
    const token = issueBrowserToken(base);
    expect(verifyBrowserToken(token, { purpose: "test-call", secret, now })).toEqual({ ok: false, reason: "wrong_purpose" });
    expect(verifyBrowserToken(token, { purpose: "live", secret, now: new Date(now.getTime() + 61_000) })).toEqual({ ok: false, reason: "expired" });
    expect(verifyBrowserToken(token, { purpose: "live", secret: "t".repeat(40), now })).toEqual({ ok: false, reason: "bad_signature" });
    const [v, body, sig] = token.split(".") as [string, string, string];
    const claims = JSON.parse(Buffer.from(body, "base64url").toString()) as Record<string, unknown>;
    const forged = Buffer.from(JSON.stringify({ ...claims, tenantId: "tenant_b" })).toString("base64url");
    expect(verifyBrowserToken(`${v}.${forged}.${sig}`, { purpose: "live", secret, now })).toEqual({ ok: false, reason: "bad_signature" });
  });

  it("calls garbage malformed without throwing", () => {
    for (const bad of [undefined, 42, "", "v1", "v1.a.b", "v2.abc." + "x".repeat(43), "x".repeat(2000)]) {
      expect(verifyBrowserToken(bad, { purpose: "live", secret, now })).toEqual({ ok: false, reason: "malformed" });
    }
  });

  it("refuses to mint a token with an id that is not a plain id", () => {
    expect(() => issueBrowserToken({ ...base, tenantId: "a.b" })).toThrow();
  });

  it("reads the token from a socket URL", () => {
    expect(browserTokenFromUrl("/live?token=abc")).toBe("abc");
    expect(browserTokenFromUrl("/live")).toBeNull();
    expect(browserTokenFromUrl(undefined)).toBeNull();
  });
});
