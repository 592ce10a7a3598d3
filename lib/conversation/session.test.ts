// The call session on a fake clock: greeting, turn-taking, streaming replies, barge-in.
import { describe, expect, it } from "vitest";
import type { ConversationItem, ResponderEvent } from "../providers/responder/types";
import { cutAtWord } from "./speech/playout";
import { FakeResponder, ManualStream, TTS_MS_PER_CHAR, text } from "./testing/fakes";
import { CallHarness, settle } from "./testing/harness";

const lastCaller = (history: readonly ConversationItem[]) => {
  const item = [...history].reverse().find((i) => i.role === "caller");
  return item?.role === "caller" ? item.text : "";
};

/** Answers "open" questions; anything else gets a short acknowledgement. */
const hoursResponder = () =>
  new FakeResponder((req): ResponderEvent[] =>
    lastCaller(req.history).includes("open") ? [text("We open at nine "), text("on Saturdays. "), text("See you then!")] : [text("Okay.")],
  );

async function greeted(h: CallHarness): Promise<void> {
  await h.start();
  await h.untilListening();
}

describe("greeting", () => {
  it("speaks the greeting first and records it as the first AGENT turn once heard", async () => {
    const h = new CallHarness({ responder: hoursResponder() });
    await h.start();
    expect(h.session.state).toBe("greeting");
    expect(h.sink.texts()).toEqual(["Hello, thanks for calling Acme Dental.", "How can I help?"]);
    expect(h.agentTurns()).toHaveLength(0); // not heard yet
    await h.untilListening();
    expect(h.observer.turns[0]).toMatchObject({ index: 0, role: "AGENT", text: "Hello, thanks for calling Acme Dental. How can I help?" });
    expect(h.observer.turns[0]?.latency).toBeUndefined();
    expect(h.observer.eventsOf("state.changed").map((e) => e.payload?.state)).toEqual(["greeting", "listening"]);
    expect(h.observer.totalUsage("TTS_CHARACTERS")).toBe("Hello, thanks for calling Acme Dental.".length + "How can I help?".length);
  });

  it("after hours: greets with the after-hours message", async () => {
    const h = new CallHarness({ responder: hoursResponder(), mode: "after_hours_message", profile: { afterHoursMessage: "We're closed. I can take a message." } });
    await h.start();
    expect(h.sink.texts().join(" ")).toBe("We're closed. I can take a message.");
  });
});

describe("what the caller is expected to answer", () => {
  it("tells the responder whether the call's recogniser can take down a caller's name", async () => {
    for (const closed of [true, false]) {
      const responder = new FakeResponder(() => [text("Okay.")]);
      const h = new CallHarness({ responder });
      h.stt.closedVocabulary = closed;
      await greeted(h);
      await h.say("i'd like to leave a message", 1200);
      await h.until(() => responder.requests.length === 1);
      expect(responder.requests[0]!.hearsNames).toBe(!closed);
    }
  });

  it("tells the responder where in the call each spoken caller turn was said, on the timeline its CallTurn has", async () => {
    const responder = new FakeResponder(() => [text("Okay.")]);
    const h = new CallHarness({ responder });
    await greeted(h);
    await h.say("i'd like to leave a message", 1200);
    await h.until(() => responder.requests.length === 1);
    const said = responder.requests[0]!.history.findLast((i) => i.role === "caller");
    const turn = h.observer.turns.findLast((t) => t.role === "CALLER")!;
    expect(said).toMatchObject({ role: "caller", text: "i'd like to leave a message", startMs: turn.startMs, endMs: turn.endMs });
    expect(turn.endMs - turn.startMs).toBeGreaterThanOrEqual(1000);
  });

  it("tells the recogniser a number is likely once the agent asks for one or reads one back, and anything otherwise", async () => {
    const h = new CallHarness({
      responder: new FakeResponder((req): ResponderEvent[] => {
        const said = lastCaller(req.history);
        if (said.includes("message")) return [text("Sure. "), text("What's the best number to reach you?")];
        if (said.includes("five")) return [text("I have five five five, one two three four. "), text("Is that right?")];
        return [text("Great, I'll pass it on.")];
      }),
    });
    await greeted(h);
    expect(h.stt.expected).toEqual(["open", "open"]); // each greeting segment as it starts playing
    const answered = async (words: string, ms: number) => {
      const turns = h.agentTurns().length;
      await h.say(words, ms);
      await h.until(() => h.agentTurns().length > turns);
    };
    await answered("i'd like to leave a message", 1200);
    // "Sure." asks nothing; the question that follows asks for a number.
    expect(h.stt.expected.slice(2)).toEqual(["open", "number"]);
    await answered("five five five one two three four", 2000);
    // The read-back keeps digits likely: the caller may say the number again to correct it.
    expect(h.stt.expected.slice(4)).toEqual(["number", "number"]);
    await answered("yes", 400);
    expect(h.stt.expected.slice(6)).toEqual(["open"]);
  });
});

describe("answering", () => {
  it("answers a finished question after the short endpoint delay, measured from the speech end", async () => {
    const h = new CallHarness({ responder: hoursResponder() });
    await greeted(h);
    await h.say("what time do you open on saturday", 1200);
    const speechEnd = h.clock.t; // end of the last voiced frame
    await h.until(() => h.observer.eventsOf("endpoint").length === 1);
    const endpoint = h.observer.eventsOf("endpoint")[0];
    expect(endpoint?.payload).toEqual({ reason: "question", delayMs: 300 });
    expect((endpoint?.at ?? 0) - speechEnd).toBeGreaterThanOrEqual(300);
    expect((endpoint?.at ?? 0) - speechEnd).toBeLessThan(320); // within one tick of the deadline

    await h.untilListening();
    expect(h.callerTurns()).toEqual([expect.objectContaining({ text: "what time do you open on saturday", understood: true })]);
    const answer = h.agentTurns()[1];
    expect(answer?.text).toBe("We open at nine on Saturdays. See you then!");
    expect(answer?.latency?.endpointMs).toBeGreaterThanOrEqual(300);
    expect(answer?.latency?.endpointMs).toBeLessThan(320);
    // Everything else is instantaneous on the fake clock: the caller waited the endpoint delay only.
    expect(answer?.latency?.totalMs).toBe(answer?.latency?.endpointMs);
    expect(h.observer.totalUsage("STT_SECONDS")).toBeGreaterThan(1);
    expect(h.observer.turns.map((t) => t.role)).toEqual(["AGENT", "CALLER", "AGENT"]);
  });

  it("cuts a streamed reply into chunks and starts TTS on the first while the responder is still writing", async () => {
    const stream = new ManualStream();
    const h = new CallHarness({ responder: new FakeResponder(() => stream) });
    await greeted(h);
    await h.say("what are your hours", 800);
    await h.until(() => h.session.state === "thinking");
    stream.push(text("We're open nine to five, "), text("Monday to Friday. We are"));
    await settle();
    expect(h.tts.requests.map((r) => r.text).at(-1)).toBe("We're open nine to five, Monday to Friday.");
    expect(h.sink.log.some((e) => e.type === "audio" && e.id === h.sink.segmentsWith("Monday")[0])).toBe(true);
    expect(h.session.state).toBe("speaking");

    stream.push(text(" closed on weekends. Bye"));
    stream.end();
    await h.untilListening();
    const segs = h.sink.texts().slice(2);
    expect(segs).toEqual(["We're open nine to five, Monday to Friday.", "We are closed on weekends.", "Bye"]);
    // Audio never interleaves: each segment's audio comes before the next segment's.
    const order = h.sink.log.filter((e) => e.type === "audio" || e.type === "endSegment").map((e) => e.id);
    const firstIndex = (id: string) => order.indexOf(id);
    const lastIndex = (id: string) => order.lastIndexOf(id);
    const ids = [...new Set(order)];
    for (let i = 1; i < ids.length; i++) expect(lastIndex(ids[i - 1] as string)).toBeLessThan(firstIndex(ids[i] as string));
    expect(h.agentTurns()[1]?.text).toBe("We're open nine to five, Monday to Friday. We are closed on weekends. Bye");
  });

  it("works the same with an asynchronous VAD", async () => {
    const h = new CallHarness({ responder: hoursResponder(), asyncVad: true });
    await greeted(h);
    await h.say("when do you open", 900);
    await h.until(() => h.agentTurns().length === 2);
    expect(h.callerTurns()[0]?.text).toBe("when do you open");
    expect(h.vad.processed).toBeGreaterThan(40);
  });
});

describe("turn-taking: not cutting the caller off", () => {
  it("waits through a 1 s pause after a dangling word and answers the whole sentence once", async () => {
    const responder = hoursResponder();
    const h = new CallHarness({ responder });
    await greeted(h);
    await h.say("i'd like to book an appointment for", 1600);
    await h.silence(1000);
    expect(h.observer.eventsOf("endpoint")).toHaveLength(0);
    expect(responder.requests).toHaveLength(0);
    await h.say("tuesday morning", 800);
    await h.until(() => h.agentTurns().length === 2);
    expect(h.callerTurns().map((t) => t.text)).toEqual(["i'd like to book an appointment for tuesday morning"]);
    expect(responder.requests).toHaveLength(1);
    expect(h.observer.eventsOf("endpoint")).toHaveLength(1);
  });

  it("keeps a dictated number in one caller turn across a 1 s pause", async () => {
    const h = new CallHarness({ responder: hoursResponder() });
    await greeted(h);
    await h.say("my number is five five five", 1600);
    await h.silence(1000);
    await h.say("one two three four", 1400);
    await h.until(() => h.agentTurns().length === 2);
    expect(h.callerTurns().map((t) => t.text)).toEqual(["my number is five five five one two three four"]);
    expect(h.observer.eventsOf("endpoint")[0]?.payload).toMatchObject({ reason: "digits" });
  });

  it("a cough while the agent listens is not a turn", async () => {
    const responder = hoursResponder();
    const h = new CallHarness({ responder });
    await greeted(h);
    h.stt.partial = () => ""; // the recogniser made nothing of it
    await h.say("", 120);
    await h.silence(2000);
    expect(h.callerTurns()).toHaveLength(0);
    expect(responder.requests).toHaveLength(0);
    expect(h.observer.eventsOf("caller.speech_ended")).toHaveLength(1);
  });

  it("feeds the pre-roll and onset frames to the recogniser", async () => {
    const h = new CallHarness({ responder: hoursResponder(), config: { preRollMs: 100, speechStartMs: 60 } });
    await greeted(h);
    await h.silence(400);
    const before = h.stt.written;
    await h.say("hello", 200);
    // 5 pre-roll frames (silence) + 10 voiced frames.
    expect(h.stt.written - before).toBe(15);
  });

  it("feeds the recogniser sttTrailMs of the silence after an utterance, and the rest of a pause once the caller speaks on", async () => {
    const h = new CallHarness({ responder: hoursResponder(), config: { sttTrailMs: 300 } });
    await greeted(h);
    await h.silence(400);
    await h.say("hello", 200);
    const afterSpeech = h.stt.written;
    await h.silence(1500); // the endpoint wait (700 ms after "hello") runs out: the turn ends
    expect(h.callerTurns().map((t) => t.text)).toEqual(["hello"]);
    expect(h.stt.written - afterSpeech).toBe(15); // 300 ms, not the whole wait

    await h.untilListening();
    await h.silence(400);
    await h.say("my number is", 400);
    const beforePause = h.stt.written;
    await h.silence(600); // a pause inside the endpoint wait after an unfinished phrase
    expect(h.stt.written - beforePause).toBe(15); // the rest of the pause is held back…
    await h.say("five five five", 400);
    // …and fed in order when the caller goes on: the whole pause, then the words.
    expect(h.stt.written - beforePause).toBe(30 + 20);
    await h.silence(2000);
    expect(h.callerTurns().map((t) => t.text)).toEqual(["hello", "my number is five five five"]);
  });
});

describe("barge-in", () => {
  const LONG = "We are open from nine in the morning until five in the evening. On Saturdays we open at ten. On Sundays we are closed.";

  it("stops the agent: clear, responder and TTS aborted, turn cut at what was heard, caller turn follows", async () => {
    const stream = new ManualStream();
    const responder = new FakeResponder((_req, call) => (call === 1 ? stream : [text("Sure, go ahead.")]));
    const h = new CallHarness({ responder });
    await greeted(h);
    await h.say("what are your hours", 800);
    await h.until(() => h.session.state === "thinking");
    stream.push(text(LONG)); // the responder has not finished (no end)
    await settle();
    const [seg0, seg1] = h.sink.texts().slice(2);
    expect(seg0).toBe("We are open from nine in the morning until five in the evening.");
    expect(seg1).toBe("On Saturdays we open at ten.");

    const seg0Id = h.sink.segmentsWith("We are open")[0];
    await h.until(() => h.sink.played.some((p) => p.id === seg0Id));
    const playedAt = h.sink.played.at(-1)?.at ?? 0;
    await h.silence(800);
    const clearsBefore = h.sink.count("clear");
    // 60 ms of voice pause the agent (860 ms into seg1: the caller stops hearing it there); 200 ms
    // make it a barge-in, cut where the pause stopped the audio.
    await h.say("wait actually", 300);
    expect(h.sink.log.filter((e) => e.type === "pause" || e.type === "clear").map((e) => e.type).slice(-2)).toEqual(["pause", "clear"]);
    expect(h.sink.count("clear")).toBe(clearsBefore + 1);
    expect(h.observer.eventsOf("agent.paused")[0]?.payload).toEqual({ speechMs: 60 });
    expect((h.observer.eventsOf("agent.paused")[0]?.at ?? 0) - playedAt).toBe(860);
    expect(responder.requests[0]?.signal.aborted).toBe(true);
    expect(h.tts.requests.filter((r) => LONG.includes(r.text)).every((r) => r.signal?.aborted)).toBe(true);

    const cut = h.agentTurns()[1];
    const expectedPart = cutAtWord(seg1 as string, 860 / ((seg1 as string).length * TTS_MS_PER_CHAR));
    expect(expectedPart).toBe("On Saturdays");
    expect(cut).toMatchObject({ interrupted: true, text: LONG, heardText: `${seg0} On Saturdays` });
    expect(h.observer.eventsOf("barge_in")[0]?.payload).toEqual({ speechMs: 200, heardText: `${seg0} On Saturdays` });
    expect(h.observer.eventsOf("agent.resumed")).toHaveLength(0);

    // The caller's words since their onset reach the recogniser and become a normal turn.
    await h.until(() => h.agentTurns().length === 3);
    expect(h.callerTurns().at(-1)?.text).toBe("wait actually");
    const history = responder.requests[1]?.history ?? [];
    expect(history.find((i) => i.role === "agent" && i.interrupted)).toEqual({ role: "agent", text: `${seg0} On Saturdays`, interrupted: true });
  });

  it("a 120 ms cough does not interrupt (and never becomes a turn); 300 ms of speech does", async () => {
    const h = new CallHarness({ responder: new FakeResponder(() => [text(LONG)]) });
    await greeted(h);
    await h.say("tell me your hours", 800);
    await h.until(() => h.session.state === "speaking");
    await h.silence(400);
    const resets = h.stt.resets;
    await h.say("khm", 120);
    await h.silence(300);
    // The agent paused at 60 ms of the cough and played on from there once it ended: nothing cut.
    expect(h.sink.count("pause")).toBe(1);
    expect(h.sink.count("resume")).toBe(1);
    expect(h.sink.count("clear")).toBe(0);
    expect(h.observer.eventsOf("barge_in")).toHaveLength(0);
    expect(h.observer.eventsOf("agent.resumed")[0]?.payload).toMatchObject({ speechMs: 120 });
    expect(h.stt.resets).toBe(resets + 1);
    expect(h.session.state).toBe("speaking");

    await h.say("stop please", 300);
    expect(h.sink.count("clear")).toBe(1);
    expect(h.observer.eventsOf("barge_in")).toHaveLength(1);
    await h.until(() => h.callerTurns().length === 2);
    expect(h.callerTurns().map((t) => t.text)).toEqual(["tell me your hours", "stop please"]);
  });

  it("a reply paused by a cough and played on is heard whole, and ends that much later", async () => {
    const h = new CallHarness({ responder: new FakeResponder(() => [text(LONG)]) });
    await greeted(h);
    await h.say("tell me your hours", 800);
    await h.until(() => h.session.state === "speaking");
    await h.silence(400);
    await h.say("mm-hm", 140);
    await h.untilListening();
    const resumed = h.observer.eventsOf("agent.resumed")[0];
    expect(resumed?.payload?.pausedMs).toBeGreaterThanOrEqual(140);
    expect(h.agentTurns().at(-1)).toMatchObject({ text: LONG });
    expect(h.agentTurns().at(-1)?.interrupted).toBeUndefined();
    expect(h.callerTurns()).toHaveLength(1);
  });

  it("a transport that cannot pause is interrupted only at the barge-in minimum", async () => {
    const h = new CallHarness({ responder: new FakeResponder(() => [text(LONG)]) });
    Object.assign(h.sink, { pause: undefined, resume: undefined });
    await greeted(h);
    await h.say("tell me your hours", 800);
    await h.until(() => h.session.state === "speaking");
    await h.say("khm", 120);
    await h.silence(300);
    expect(h.observer.eventsOf("agent.paused")).toHaveLength(0);
    await h.say("stop please", 300);
    expect(h.sink.count("clear")).toBe(1);
  });

  it("the greeting can be interrupted too", async () => {
    const h = new CallHarness({ responder: hoursResponder() });
    await h.start();
    await h.say("hi do you open today", 400);
    expect(h.observer.eventsOf("barge_in")).toHaveLength(1);
    expect(h.agentTurns()[0]).toMatchObject({ interrupted: true, heardText: "" });
  });
});
