// The call session on a fake clock: an admin ending a live call from the dashboard, and the agent's
// sentences reported as they start playing (the live transcript), not only when the turn is over.
import { describe, expect, it } from "vitest";
import { prompts } from "./prompts";
import { FakeResponder, text } from "./testing/fakes";
import { CallHarness, settle } from "./testing/harness";

const LONG = "Let me tell you about our services. We clean teeth. We whiten teeth. We fix teeth. We also do braces.";

describe("endByOperator", () => {
  it("cuts the agent mid-reply, says the goodbye uninterruptibly, hangs up after it was heard, once", async () => {
    const h = new CallHarness({ responder: new FakeResponder(() => [text(LONG)]) });
    await h.start();
    await h.untilListening();
    await h.say("tell me about your services", 800);
    await h.until(() => h.sink.played.some((p) => p.id.startsWith("r2-")));
    h.session.endByOperator();
    h.session.endByOperator(); // the bus and the durable flag both deliver: acted on once
    await settle();
    expect(h.session.state).toBe("ending");
    expect(h.sink.count("clear")).toBe(1);
    expect(h.agentTurns()[1]).toMatchObject({ text: LONG, interrupted: true });
    await h.say("hey wait a second", 600); // the caller cannot talk the agent out of it
    expect(h.sink.count("clear")).toBe(1);
    await h.until(() => h.observer.endedWith !== null);
    expect(h.observer.endedWith?.reason).toBe("AGENT_HANGUP");
    expect(h.observer.eventsOf("call.ended").map((e) => e.payload)).toEqual([{ reason: "AGENT_HANGUP", by: "admin" }]);
    expect(h.agentTurns().at(-1)?.text).toBe(prompts.operatorEnd);
    const goodbye = h.sink.segmentsWith("end the call now");
    expect(goodbye.length).toBeGreaterThan(0);
    for (const id of goodbye) expect(h.sink.heardAtHangup).toContain(id);
    expect(h.sink.log.filter((e) => e.type === "hangup")).toEqual([{ type: "hangup", reason: "AGENT_HANGUP" }]);
    expect(h.observer.endedCount).toBe(1);
  });

  it("lets a closing line already on its way end the call, without claiming the admin did", async () => {
    const h = new CallHarness({ responder: new FakeResponder(() => [text("Okay.")]), profile: { maxCallDurationSec: 4 } });
    await h.start();
    await h.until(() => h.session.state === "ending");
    h.session.endByOperator();
    await h.until(() => h.observer.endedWith !== null);
    expect(h.observer.endedWith?.reason).toBe("MAX_DURATION");
    expect(h.observer.eventsOf("call.ended")[0]?.payload).toEqual({ reason: "MAX_DURATION" });
    expect(h.agentTurns().some((t) => t.text === prompts.operatorEnd)).toBe(false);
  });
});

describe("agent.segment", () => {
  it("reports each sentence when it starts playing: the next one only after the previous was heard", async () => {
    const h = new CallHarness({ responder: new FakeResponder(() => [text(LONG)]) });
    await h.start();
    await h.untilListening();
    await h.say("tell me about your services", 800);
    await h.until(() => h.agentTurns().length === 2);
    const segments = h.observer.eventsOf("agent.segment").filter((e) => String(e.payload?.segmentId).startsWith("r2-")); // r1: the greeting
    expect(segments.length).toBeGreaterThan(2);
    expect(segments.map((e) => e.payload?.text).join(" ")).toBe(LONG);
    for (const [i, e] of segments.entries()) {
      if (i === 0) continue;
      const prevId = segments[i - 1]?.payload?.segmentId;
      const heardAt = h.sink.played.find((p) => p.id === prevId)?.at ?? Infinity;
      expect(e.at).toBeGreaterThanOrEqual(heardAt);
    }
    // The turn (the final text) comes after its sentences.
    const turnIndex = h.observer.turns.indexOf(h.agentTurns()[1]!);
    expect(turnIndex).toBeGreaterThan(0);
    expect(h.agentTurns()[1]?.text).toBe(LONG);
  });
});
