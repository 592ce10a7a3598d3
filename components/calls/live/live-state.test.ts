import { describe, expect, it } from "vitest";
import type { LiveBrowserEvent } from "@/lib/realtime/live-wire";
import { activityOf, EMPTY_TRANSCRIPT, IDLE, nextActivity, nextTranscript } from "./live-state";

const e = (type: string, payload?: Record<string, unknown>, at = "2026-12-01T10:00:00.000Z"): LiveBrowserEvent => ({ type, callId: "c1", tenantId: "t1", at, payload });

describe("live call activity", () => {
  it("says what the call is doing: a running tool, then the caller, then the agent", () => {
    let a = nextActivity(IDLE, e("state.changed", { state: "speaking" }));
    expect(activityOf(a)).toBe("agent");
    a = nextActivity(a, e("caller.speech_started"));
    expect(activityOf(a)).toBe("caller");
    a = nextActivity(nextActivity(a, e("caller.speech_ended")), e("state.changed", { state: "thinking" }));
    expect(activityOf(a)).toBe("thinking");
    a = nextActivity(a, e("tool.started", { name: "take_message" }));
    expect(activityOf(a)).toBe("tool");
    a = nextActivity(nextActivity(a, e("tool.finished")), e("state.changed", { state: "listening" }));
    expect(activityOf(a)).toBe("listening");
  });
});

describe("live transcript", () => {
  it("shows the agent's sentences as they are spoken, replaced by the finished turn, without duplicates", () => {
    let t = nextTranscript(EMPTY_TRANSCRIPT, e("agent.segment", { text: "Hello." }));
    t = nextTranscript(t, e("agent.segment", { text: "How can I help?" }));
    expect(t.speaking).toEqual(["Hello.", "How can I help?"]);
    const turn = e("turn", { index: 0, role: "AGENT", text: "Hello. How can I help?" });
    t = nextTranscript(t, turn);
    expect(t.speaking).toEqual([]);
    expect(nextTranscript(t, turn)).toBe(t); // the same turn from the API and the socket
    t = nextTranscript(t, e("tool.started", { name: "take_message", args: {} }));
    t = nextTranscript(t, e("state.changed", { state: "thinking" }));
    expect(t.items.map((i) => (i.kind === "turn" ? i.text : i.type))).toEqual(["Hello. How can I help?", "tool.started"]);
  });
});
