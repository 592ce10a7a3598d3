import { describe, expect, it } from "vitest";
import { CALL_TOKEN_TTL_SEC, issueCallToken, verifyCallToken } from "./call-token";

const callSid = "CA" + "0123456789abcdef".repeat(2);
const otherSid = "CA" + "fedcba9876543210".repeat(2);
const now = new Date("2026-03-02T10:00:00Z");
const later = (sec: number) => new Date(now.getTime() + sec * 1000);

describe("call token", () => {
  const token = issueCallToken({ callId: "call123abc", callSid, now });

  it("verifies for its call and CallSid, and carries only the call id", () => {
    expect(verifyCallToken(token, { callSid, now: later(1) })).toEqual({ ok: true, callId: "call123abc" });
    expect(token).not.toContain(callSid);
  });

  it("is refused for another CallSid", () => {
    expect(verifyCallToken(token, { callSid: otherSid, now })).toEqual({ ok: false, reason: "bad_signature" });
  });

  it("expires after its lifetime", () => {
    expect(verifyCallToken(token, { callSid, now: later(CALL_TOKEN_TTL_SEC - 1) }).ok).toBe(true);
    expect(verifyCallToken(token, { callSid, now: later(CALL_TOKEN_TTL_SEC) })).toEqual({ ok: false, reason: "expired" });
  });

  it("is refused when any part is tampered with", () => {
    const [v, id, exp, sig] = token.split(".") as [string, string, string, string];
    const flip = (s: string) => (s[0] === "A" ? "B" : "A") + s.slice(1);
    for (const bad of [
      [v, "call999abc", exp, sig],
      [v, id, String(Number(exp) + 3600), sig],
      [v, id, exp, flip(sig)],
    ]) {
      expect(verifyCallToken(bad.join("."), { callSid, now })).toEqual({ ok: false, reason: "bad_signature" });
    }
  });

  it("is refused when signed with another secret (it is keyed from AUTH_SECRET)", () => {
    const foreign = issueCallToken({ callId: "call123abc", callSid, now, secret: "x".repeat(40) });
    expect(verifyCallToken(foreign, { callSid, now }).ok).toBe(false);
    expect(verifyCallToken(foreign, { callSid, now, secret: "x".repeat(40) }).ok).toBe(true);
  });

  it.each([undefined, 42, "", "v1.a.b", "v2.call.1.sig", "v1.call.notanumber." + "a".repeat(43), "v1.ca ll.1." + "a".repeat(43), "x".repeat(400)])(
    "calls %j malformed without throwing",
    (bad) => {
      expect(verifyCallToken(bad, { callSid, now })).toEqual({ ok: false, reason: "malformed" });
    },
  );
});
