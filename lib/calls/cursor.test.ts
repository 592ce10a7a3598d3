import { describe, expect, it } from "vitest";
import { decodeCallCursor, encodeCallCursor } from "./cursor";

const b64 = (s: string) => Buffer.from(s).toString("base64url");

describe("call cursor", () => {
  it("round-trips (startedAt, id) and is URL-safe", () => {
    const c = { startedAt: new Date("2026-06-01T12:00:00.123Z"), id: "abc123xyz" };
    const encoded = encodeCallCursor(c);
    expect(encoded).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCallCursor(encoded)).toEqual(c);
  });

  it.each([
    ["not base64url", "a+b/c="],
    ["no separator", b64("2026-06-01T12:00:00.000Z")],
    ["not a date", b64("tomorrow|abc")],
    ["not our ISO form", b64("2026-06-01T12:00:00Z|abc")],
    ["impossible date", b64("2026-02-30T12:00:00.000Z|abc")],
    ["bad id", b64("2026-06-01T12:00:00.000Z|a b")],
    ["empty id", b64("2026-06-01T12:00:00.000Z|")],
    ["extra part", b64("2026-06-01T12:00:00.000Z|abc|d")],
    ["too long", "A".repeat(201)],
  ])("refuses %s with 422 on field cursor", (_label, cursor) => {
    expect(() => decodeCallCursor(cursor)).toThrow(expect.objectContaining({ code: "VALIDATION_FAILED", field: "cursor" }));
  });
});
