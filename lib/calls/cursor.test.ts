import { describe, expect, it } from "vitest";
import { decodeCallCursor, encodeCallCursor } from "./cursor";

const b64 = (s: string) => Buffer.from(s).toString("base64url");

describe("call cursor", () => {
  it.each([
    { sort: "started_at" as const, order: "desc" as const, key: new Date("2026-06-01T12:00:00.123Z"), id: "abc123xyz" },
    { sort: "duration" as const, order: "asc" as const, key: 42, id: "abc" },
    { sort: "duration" as const, order: "desc" as const, key: null, id: "abc" },
    { sort: "cost" as const, order: "desc" as const, key: 0, id: "a_b-c" },
  ])("round-trips $sort $order $key and is URL-safe", (c) => {
    const encoded = encodeCallCursor(c);
    expect(encoded).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCallCursor(encoded, c.sort, c.order)).toEqual(c);
  });

  it.each([
    ["not base64url", "a+b/c="],
    ["the old (startedAt, id) form", b64("2026-06-01T12:00:00.000Z|abc")],
    ["no key", b64("started_at~desc")],
    ["not a date", b64("started_at~desc|tomorrow|abc")],
    ["not our ISO form", b64("started_at~desc|2026-06-01T12:00:00Z|abc")],
    ["impossible date", b64("started_at~desc|2026-02-30T12:00:00.000Z|abc")],
    ["null start", b64("started_at~desc|null|abc")],
    ["fractional duration", b64("duration~desc|1.5|abc")],
    ["unknown sort", b64("name~desc|1|abc")],
    ["unknown order", b64("cost~up|1|abc")],
    ["bad id", b64("cost~desc|1|a b")],
    ["empty id", b64("cost~desc|1|")],
    ["extra part", b64("cost~desc|1|abc|d")],
    ["too long", "A".repeat(301)],
  ])("refuses %s with 422 on field cursor", (_label, cursor) => {
    expect(() => decodeCallCursor(cursor, "started_at", "desc")).toThrow(expect.objectContaining({ code: "VALIDATION_FAILED", field: "cursor" }));
  });

  it("refuses a cursor of another sort or order, saying so", () => {
    const byCost = encodeCallCursor({ sort: "cost", order: "desc", key: 5, id: "abc" });
    expect(() => decodeCallCursor(byCost, "duration", "desc")).toThrow(/sorted by cost desc, not duration desc/);
    expect(() => decodeCallCursor(byCost, "cost", "asc")).toThrow(expect.objectContaining({ code: "VALIDATION_FAILED", field: "cursor" }));
  });
});
