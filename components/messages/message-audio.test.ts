import { describe, expect, it } from "vitest";
import { CLIP_LEAD_MS, CLIP_TAIL_MS, clipLength, clipOf, clipUrl } from "./message-audio";

describe("a message kept as audio", () => {
  it("plays a little wider than the turn, never before the recording starts", () => {
    expect(clipOf({ startMs: 6100, endMs: 11_800 })).toEqual({ fromMs: 6100 - CLIP_LEAD_MS, toMs: 11_800 + CLIP_TAIL_MS });
    expect(clipOf({ startMs: 100, endMs: 900 }).fromMs).toBe(0);
  });

  it("names the clip on the recording route with a media fragment in seconds, the call id escaped", () => {
    expect(clipUrl("c1", { startMs: 4000, endMs: 9000 })).toBe("/api/v1/calls/c1/recording#t=3.70,9.50");
    expect(clipUrl("a/b?c", { startMs: 0, endMs: 1000 })).toBe("/api/v1/calls/a%2Fb%3Fc/recording#t=0.00,1.50");
  });

  it("says its length as m:ss, at least a second", () => {
    expect(clipLength({ startMs: 6100, endMs: 11_800 })).toBe("0:06");
    expect(clipLength({ startMs: 0, endMs: 75_000 })).toBe("1:15");
    expect(clipLength({ startMs: 0, endMs: 200 })).toBe("0:01");
  });
});
