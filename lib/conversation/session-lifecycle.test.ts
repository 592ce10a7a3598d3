// The call session on a fake clock: silence, the time limit, DTMF, tools, failures, hang-ups, and
// two calls at once.
import { describe, expect, it } from "vitest";
import type { ConversationItem, ResponderEvent } from "../providers/responder/types";
import { HUMAN_REQUEST_EVENT, prompts } from "./prompts";
import { callerFrame, FakeResponder, text } from "./testing/fakes";
import { CallHarness, settle } from "./testing/harness";

const lastCaller = (history: readonly ConversationItem[]) => {
  const item = [...history].reverse().find((i) => i.role === "caller");
  return item?.role === "caller" ? item.text : "";
};
const lastItem = (history: readonly ConversationItem[]) => history.at(-1);

async function greeted(h: CallHarness): Promise<void> {
  await h.start();
  await h.untilListening();
}

/** The segment ids whose text appears in `line`, all of which must have been heard before hangup. */
function expectHeardBeforeHangup(h: CallHarness, line: string) {
  const ids = h.sink.log.flatMap((e) => (e.type === "segmentText" && line.includes(e.text) ? [e.id] : []));
  expect(ids.length).toBeGreaterThan(0);
  for (const id of ids) expect(h.sink.heardAtHangup).toContain(id);
}

describe("silence", () => {
  it("re-prompts after the silence timeout, twice, then says goodbye and hangs up after it was heard", async () => {
    const h = new CallHarness({ responder: new FakeResponder(() => [text("Okay.")]), profile: { silenceTimeoutSec: 2 } });
    await greeted(h);
    const greetingHeardAt = h.sink.played.at(-1)?.at ?? 0;
    await h.until(() => h.observer.eventsOf("silence.reprompt").length === 1);
    expect((h.observer.eventsOf("silence.reprompt")[0]?.at ?? 0) - greetingHeardAt).toBe(2000);
    await h.until(() => h.observer.eventsOf("silence.reprompt").length === 2);
    await h.until(() => h.observer.endedWith !== null);
    expect(h.observer.endedWith?.reason).toBe("SILENCE_TIMEOUT");
    expect(h.sink.log.at(-1)).toEqual({ type: "hangup", reason: "SILENCE_TIMEOUT" });
    expectHeardBeforeHangup(h, prompts.silenceGoodbye);
    expect(h.agentTurns().map((t) => t.text)).toEqual([
      "Hello, thanks for calling Acme Dental. How can I help?",
      prompts.silenceReprompt(1),
      prompts.silenceReprompt(2),
      prompts.silenceGoodbye,
    ]);
    expect(h.session.state).toBe("ended");
    expect(h.vad.closed && h.stt.closed).toBe(true);
    expect(h.observer.totalUsage("CALL_SECONDS")).toBeGreaterThan(6);
  });

  it("caller speech resets the re-prompt count", async () => {
    const h = new CallHarness({ responder: new FakeResponder(() => [text("Okay.")]), profile: { silenceTimeoutSec: 2 } });
    await greeted(h);
    await h.until(() => h.observer.eventsOf("silence.reprompt").length === 2);
    await h.untilListening();
    await h.say("yes i am here", 800);
    await h.until(() => h.agentTurns().at(-1)?.text === "Okay.");
    await h.until(() => h.observer.eventsOf("silence.reprompt").length === 3);
    expect(h.observer.eventsOf("silence.reprompt")[2]?.payload).toEqual({ count: 1 });
    expect(h.observer.endedWith).toBeNull();
  });
});

describe("max duration", () => {
  it("stops the agent mid-reply, says the closing line, and hangs up after it was heard", async () => {
    const long = "Let me tell you everything about our services, which are many and varied. We clean teeth. We whiten teeth. We fix teeth.";
    const h = new CallHarness({ responder: new FakeResponder(() => [text(long)]), profile: { maxCallDurationSec: 8 } });
    await greeted(h);
    await h.say("tell me about your services", 800);
    await h.until(() => h.session.state === "ending");
    expect(h.clock.t - 1000).toBe(8000);
    expect(h.sink.count("clear")).toBe(1);
    expect(h.agentTurns()[1]).toMatchObject({ text: long, interrupted: true });
    await h.until(() => h.observer.endedWith !== null);
    expect(h.observer.endedWith?.reason).toBe("MAX_DURATION");
    expectHeardBeforeHangup(h, prompts.maxDuration);
    expect(h.agentTurns().at(-1)?.text).toBe(prompts.maxDuration);
  });

  it("caller speech during the closing line does not interrupt it", async () => {
    const h = new CallHarness({ responder: new FakeResponder(() => [text("Okay.")]), profile: { maxCallDurationSec: 5 } });
    await greeted(h);
    await h.until(() => h.session.state === "ending");
    await h.say("hey wait a second", 600);
    expect(h.sink.count("clear")).toBe(0);
    await h.until(() => h.observer.endedWith !== null);
    expect(h.observer.endedWith?.reason).toBe("MAX_DURATION");
  });
});

describe("DTMF", () => {
  it('"0" with a transfer number: announces, transfers after the announcement was heard, ends TRANSFERRED', async () => {
    const responder = new FakeResponder(() => [text("Okay.")]);
    const h = new CallHarness({ responder, profile: { transferPhoneNumber: "+15550001111" } });
    await greeted(h);
    h.session.dtmf("0");
    await settle();
    expect(h.observer.eventsOf("dtmf")[0]?.payload).toEqual({ digit: "0" });
    await h.until(() => h.observer.endedWith !== null);
    expect(h.observer.endedWith?.reason).toBe("TRANSFERRED");
    expect(h.sink.log.filter((e) => e.type === "transfer")).toEqual([{ type: "transfer", to: "+15550001111" }]);
    expect(h.observer.eventsOf("transfer")[0]?.payload).toEqual({ to: "+15550001111" });
    const tool = h.observer.turns.find((t) => t.role === "TOOL");
    expect(tool).toMatchObject({ toolName: "transfer_call", toolResult: { ok: true, data: { to: "+15550001111" } } });
    expect(h.agentTurns().at(-1)?.text).toBe(prompts.transferAnnouncement);
    const transferIndex = h.sink.log.findIndex((e) => e.type === "transfer");
    const announcementIds = h.sink.segmentsWith("connect you");
    expect(h.sink.played.map((p) => p.id)).toEqual(expect.arrayContaining(announcementIds));
    expect(transferIndex).toBe(h.sink.log.length - 1);
    expect(responder.requests).toHaveLength(0);
  });

  it('"0" without a transfer number: the responder is asked, with the human request in history', async () => {
    const responder = new FakeResponder((req) =>
      lastItem(req.history)?.role === "event" ? [text("I can't transfer you right now, but I can take a message.")] : [],
    );
    const h = new CallHarness({ responder });
    await greeted(h);
    h.session.dtmf("5");
    h.session.dtmf("0");
    await h.until(() => h.agentTurns().length === 2);
    expect(responder.requests[0]?.history.slice(-2)).toEqual([
      { role: "event", text: "caller pressed 5" },
      { role: "event", text: HUMAN_REQUEST_EVENT },
    ]);
    expect(h.agentTurns()[1]?.text).toContain("take a message");
    expect(h.observer.eventsOf("dtmf").map((e) => e.payload?.digit)).toEqual(["5", "0"]);
  });

  it('"0" after hours is not transferred (nobody is there): the responder answers it', async () => {
    const responder = new FakeResponder((req) => (lastItem(req.history)?.role === "event" ? [text("We're closed, but I can take a message.")] : []));
    const h = new CallHarness({ responder, mode: "after_hours_message", profile: { transferPhoneNumber: "+15550001111" } });
    await greeted(h);
    h.session.dtmf("0");
    await h.until(() => h.agentTurns().length === 2);
    expect(h.sink.log.filter((e) => e.type === "transfer")).toEqual([]);
    expect(h.agentTurns()[1]?.text).toContain("take a message");
  });

  it("ignores keys that are not DTMF", async () => {
    const h = new CallHarness({ responder: new FakeResponder(() => []) });
    await greeted(h);
    h.session.dtmf("x");
    h.session.dtmf("12");
    expect(h.observer.eventsOf("dtmf")).toHaveLength(0);
  });
});

describe("tools", () => {
  const messageArgs = { callerName: "Ann Lee", callbackNumber: "555 123 4567", message: "Please call me back about my crown", urgency: "high" };

  it("take_message: saves validated args, records a TOOL turn, and asks the responder again with the result", async () => {
    const responder = new FakeResponder((req): ResponderEvent[] => {
      const last = lastItem(req.history);
      if (last?.role === "tool_result") return [text(last.result.ok ? "I've passed your message on." : "Sorry, could you repeat your number?")];
      return [{ type: "tool_call", id: "call_1", name: "take_message", args: messageArgs }, { type: "usage", inputTokens: 120, outputTokens: 8 }];
    });
    const h = new CallHarness({ responder });
    await greeted(h);
    await h.say("i want to leave a message", 900);
    await h.until(() => h.agentTurns().length === 2);
    expect(h.actions.messages).toEqual([{ callerName: "Ann Lee", callbackNumber: "555 123 4567", message: "Please call me back about my crown", urgency: "HIGH" }]);
    const tool = h.observer.turns.find((t) => t.role === "TOOL");
    expect(tool).toMatchObject({ toolName: "take_message", toolArgs: messageArgs, toolResult: { ok: true, data: { messageId: "msg_1" } } });
    expect(responder.requests).toHaveLength(2);
    expect(responder.requests[1]?.history.slice(-2)).toEqual([
      { role: "tool_call", id: "call_1", name: "take_message", args: messageArgs },
      { role: "tool_result", id: "call_1", name: "take_message", result: { ok: true, data: { messageId: "msg_1" } } },
    ]);
    expect(responder.requests[0]?.tools.map((t) => t.name)).toEqual(["take_message", "search_knowledge", "transfer_call", "end_call"]);
    expect(h.agentTurns()[1]?.text).toBe("I've passed your message on.");
    expect(h.observer.turns.map((t) => t.role)).toEqual(["AGENT", "CALLER", "TOOL", "AGENT"]);
    expect(h.observer.eventsOf("tool.started")[0]?.payload).toEqual({ name: "take_message", args: messageArgs });
    expect(h.observer.eventsOf("tool.finished")[0]?.payload).toEqual({ name: "take_message", ok: true });
    expect(h.observer.totalUsage("LLM_INPUT_TOKENS")).toBe(120);
    expect(h.observer.totalUsage("LLM_OUTPUT_TOKENS")).toBe(8);
  });

  it("end_call: the goodbye is spoken and the call hangs up only after its mark", async () => {
    const responder = new FakeResponder((req): ResponderEvent[] =>
      lastCaller(req.history).includes("bye") ? [text("Thanks for calling, goodbye!"), { type: "tool_call", id: "c1", name: "end_call", args: {} }] : [text("Okay.")],
    );
    const h = new CallHarness({ responder });
    await greeted(h);
    await h.say("that's all thanks bye", 900);
    await h.until(() => h.sink.segmentsWith("goodbye").length > 0);
    const goodbyeId = h.sink.segmentsWith("goodbye")[0] as string;
    expect(h.sink.count("hangup")).toBe(0);
    await h.until(() => h.sink.count("hangup") === 1);
    expect(h.sink.heardAtHangup).toContain(goodbyeId);
    expect(h.sink.played.at(-1)?.id).toBe(goodbyeId);
    expect(h.observer.endedWith?.reason).toBe("AGENT_HANGUP");
    expect(responder.requests).toHaveLength(1); // a terminal tool ends the reply: no second round
    // The goodbye cannot be interrupted once the agent committed to hanging up.
    expect(h.observer.eventsOf("barge_in")).toHaveLength(0);
  });

  it("a tool running when the caller barges in completes, is recorded once, and is not re-run", async () => {
    let rounds = 0;
    const responder = new FakeResponder((req): ResponderEvent[] => {
      const last = lastItem(req.history);
      if (lastCaller(req.history).includes("message") && last?.role === "caller") {
        rounds++;
        return [text("Let me write that down for you, one moment please."), { type: "tool_call", id: "t1", name: "take_message", args: messageArgs }];
      }
      return [text("Anything else?")];
    });
    const h = new CallHarness({ responder });
    h.actions.holdSave = true;
    await greeted(h);
    await h.say("please take a message", 900);
    await h.until(() => h.observer.eventsOf("tool.started").length === 1);
    await h.silence(400);
    await h.say("oh and one more thing", 400);
    expect(h.observer.eventsOf("barge_in")).toHaveLength(1);
    expect(h.observer.turns.filter((t) => t.role === "TOOL")).toHaveLength(0);
    h.actions.finishSave();
    await settle();
    const tools = h.observer.turns.filter((t) => t.role === "TOOL");
    expect(tools).toHaveLength(1);
    expect(tools[0]?.toolResult).toEqual({ ok: true, data: { messageId: "msg_1" } });
    await h.until(() => h.agentTurns().at(-1)?.text === "Anything else?");
    expect(h.actions.messages).toHaveLength(1);
    expect(rounds).toBe(1);
    // The interrupted reply did not ask the responder for a second round; the caller's turn did.
    const afterBarge = responder.requests.at(-1)?.history ?? [];
    expect(afterBarge.some((i) => i.role === "tool_result")).toBe(true);
    expect(h.callerTurns().at(-1)?.text).toBe("oh and one more thing");
  });
});

describe("failures", () => {
  it("a throwing responder gets an apology and the call goes on", async () => {
    let calls = 0;
    const responder = new FakeResponder((): AsyncIterable<ResponderEvent> => {
      calls++;
      if (calls === 1)
        return (async function* () {
          yield text("Let me ");
          throw new Error("model unavailable");
        })();
      return (async function* () {
        yield text("We open at nine.");
      })();
    });
    const h = new CallHarness({ responder });
    await greeted(h);
    await h.say("when do you open", 900);
    await h.until(() => h.agentTurns().length === 2);
    expect(h.agentTurns()[1]?.text).toBe(`Let me ${prompts.apology}`);
    expect(h.observer.eventsOf("error")[0]?.payload).toEqual({ source: "responder", message: "model unavailable" });
    await h.untilListening();
    await h.say("when do you open", 900);
    await h.until(() => h.agentTurns().length === 3);
    expect(h.agentTurns()[2]?.text).toBe("We open at nine.");
    expect(h.observer.endedWith).toBeNull();
  });

  it("three failures in a row end the call with PROVIDER_ERROR after an apology", async () => {
    const responder = new FakeResponder(() => {
      throw new Error("down");
    });
    const h = new CallHarness({ responder });
    await greeted(h);
    for (let i = 0; i < 3; i++) {
      await h.say("hello", 600);
      await h.until(() => h.agentTurns().length === i + 2 || h.observer.endedWith !== null);
    }
    await h.until(() => h.observer.endedWith !== null);
    expect(h.observer.endedWith?.reason).toBe("PROVIDER_ERROR");
    expect(h.agentTurns().at(-1)?.text).toBe(prompts.fatalApology);
    expectHeardBeforeHangup(h, prompts.fatalApology);
  });

  it("a failing TTS segment still lets the reply finish and is reported", async () => {
    const h = new CallHarness({ responder: new FakeResponder(() => [text("First part. Broken part. Last part.")]) });
    h.tts.failOn = (t) => t === "Broken part.";
    await greeted(h);
    await h.say("hello there", 600);
    await h.until(() => h.agentTurns().length === 2);
    expect(h.observer.eventsOf("error")[0]?.payload).toMatchObject({ source: "tts" });
    await h.untilListening();
  });
});

describe("hang-up and close", () => {
  it("caller hang-up mid-reply records the interrupted turn and ends once; close() is idempotent", async () => {
    const h = new CallHarness({ responder: new FakeResponder(() => [text("We are open from nine to five on weekdays and from ten to two on Saturdays.")]) });
    await greeted(h);
    await h.say("what are your hours", 800);
    await h.until(() => h.session.state === "speaking");
    await h.silence(1000); // 1000 ms at 60 ms per character: 16 characters heard
    h.session.callerHangup();
    h.session.close();
    h.session.close();
    expect(h.observer.endedCount).toBe(1);
    expect(h.observer.endedWith?.reason).toBe("CALLER_HANGUP");
    expect(h.agentTurns()[1]).toMatchObject({ interrupted: true, heardText: "We are open from" });
    expect(h.sink.count("hangup")).toBe(0);
    expect(h.vad.closed && h.stt.closed).toBe(true);
    expect(h.observer.eventsOf("call.ended")).toHaveLength(1);
    // Nothing happens after the end.
    h.session.audio(callerFrame(0.9, 1));
    h.session.tick();
    h.session.dtmf("0");
    expect(h.session.state).toBe("ended");
  });
});

describe("isolation", () => {
  it("two sessions driven interleaved never share state", async () => {
    const mk = (reply: string) => new FakeResponder((req) => [text(`${reply}: ${lastCaller(req.history)}.`)]);
    const a = new CallHarness({ responder: mk("A"), callId: "call_a", profile: { greeting: "Welcome to A." } });
    const b = new CallHarness({ responder: mk("B"), callId: "call_b", profile: { greeting: "Welcome to B." } });
    await Promise.all([a.start(), b.start()]);
    const wa = a.words.id("hours please");
    const wb = b.words.id("leave a message");
    // Frame by frame, alternating calls; B speaks while A is still silent, then the other way round.
    for (let i = 0; i < 300; i++) {
      const aSpeaks = i >= 100 && i < 140;
      const bSpeaks = i >= 60 && i < 90;
      await a.frame(aSpeaks ? 0.9 : 0.05, aSpeaks ? wa : 0);
      await b.frame(bSpeaks ? 0.9 : 0.05, bSpeaks ? wb : 0);
    }
    expect(a.callerTurns().map((t) => t.text)).toEqual(["hours please"]);
    expect(b.callerTurns().map((t) => t.text)).toEqual(["leave a message"]);
    expect(a.agentTurns().map((t) => t.text)).toEqual(["Welcome to A.", "A: hours please."]);
    expect(b.agentTurns().map((t) => t.text)).toEqual(["Welcome to B.", "B: leave a message."]);
    expect(a.sink.texts().some((t) => t.includes("B"))).toBe(false);
    expect(b.sink.texts().some((t) => t.includes("A"))).toBe(false);
  });
});
