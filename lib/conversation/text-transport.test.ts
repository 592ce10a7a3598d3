// A whole conversation over the text transport: the same engine, no audio.
import { describe, expect, it } from "vitest";
import type { ConversationItem, ResponderEvent } from "../providers/responder/types";
import { prompts } from "./prompts";
import { FakeActions, FakeClock, FakeResponder, RecordingObserver, text } from "./testing/fakes";
import { testProfile } from "./testing/harness";
import { createTextConversation } from "./text-transport";

const last = (history: readonly ConversationItem[]) => history.at(-1);

const receptionist = () =>
  new FakeResponder((req): ResponderEvent[] => {
    const item = last(req.history);
    if (item?.role === "tool_result") return [text(item.result.ok ? "Done, your message is saved." : "Sorry, what's your number?")];
    if (item?.role === "event") return [text("I can't transfer you, but I can take a message.")];
    const said = item?.role === "caller" ? item.text : "";
    if (said.includes("open")) return [text("We open at nine. "), text("Anything else?")];
    if (said.includes("message"))
      return [text("Sure."), { type: "tool_call", id: "m1", name: "take_message", args: { callerName: "Bo", callbackNumber: "+1 555 010 0200", message: "Call back" } }];
    if (said.includes("bye")) return [text("Goodbye!"), { type: "tool_call", id: "e1", name: "end_call", args: {} }];
    return [text("Sorry, I didn't catch that.")];
  });

describe("text conversation", () => {
  it("runs a whole call: greeting, question, tool, DTMF, goodbye", async () => {
    const clock = new FakeClock();
    const actions = new FakeActions();
    const observer = new RecordingObserver(clock.now);
    const convo = createTextConversation({ callId: "c1", profile: testProfile(), mode: "normal", responder: receptionist(), actions, observer, now: clock.now });

    expect(await convo.say("too early")).toMatchObject({ text: "", ended: false });
    const greeting = await convo.start();
    expect(greeting.text).toBe("Hello, thanks for calling Acme Dental. How can I help?");
    expect(greeting.segments).toHaveLength(2);

    clock.advance(1000);
    const hours = await convo.say("What time do you open?");
    expect(hours).toMatchObject({ text: "We open at nine. Anything else?", ended: false });

    const message = await convo.say("I'd like to leave a message");
    expect(message.text).toBe("Sure. Done, your message is saved.");
    expect(actions.messages).toEqual([{ callerName: "Bo", callbackNumber: "+1 555 010 0200", message: "Call back", urgency: "NORMAL" }]);

    expect((await convo.dtmf("7")).text).toBe("");
    expect((await convo.dtmf("0")).text).toBe("I can't transfer you, but I can take a message.");

    const bye = await convo.say("ok bye");
    expect(bye).toMatchObject({ text: "Goodbye!", ended: true, endReason: "AGENT_HANGUP" });
    expect(convo.ended).toBe("AGENT_HANGUP");
    expect(convo.transcript.map((t) => `${t.role}:${t.text}`)).toEqual([
      "AGENT:Hello, thanks for calling Acme Dental. How can I help?",
      "CALLER:What time do you open?",
      "AGENT:We open at nine. Anything else?",
      "CALLER:I'd like to leave a message",
      "TOOL:take_message",
      "AGENT:Sure. Done, your message is saved.",
      "AGENT:I can't transfer you, but I can take a message.",
      "CALLER:ok bye",
      "TOOL:end_call",
      "AGENT:Goodbye!",
    ]);
    expect(convo.transcript[2]?.latency).toEqual({ endpointMs: 0, sttMs: 0, llmMs: 0, ttsMs: 0, platformMs: 0, totalMs: 0 });
    expect(observer.endedWith?.reason).toBe("AGENT_HANGUP");
    expect(await convo.say("hello?")).toMatchObject({ text: "", ended: true });
  });

  it("transfers through the tool and reports where to", async () => {
    const responder = new FakeResponder((req): ResponderEvent[] =>
      last(req.history)?.role === "caller" ? [text("Connecting you now."), { type: "tool_call", id: "t1", name: "transfer_call", args: { reason: "billing" } }] : [],
    );
    const convo = createTextConversation({
      callId: "c2",
      profile: testProfile({ transferPhoneNumber: "+15550009999" }),
      mode: "normal",
      responder,
      actions: new FakeActions(),
    });
    await convo.start();
    expect(await convo.say("a person please")).toMatchObject({ text: "Connecting you now.", endReason: "TRANSFERRED", transferTo: "+15550009999" });
  });

  it("transfer_call without a transfer number fails and the responder is asked again", async () => {
    const responder = new FakeResponder((req): ResponderEvent[] => {
      const item = last(req.history);
      if (item?.role === "tool_result") return [text(`I can't: ${item.result.error}.`)];
      return [{ type: "tool_call", id: "t1", name: "transfer_call", args: {} }];
    });
    const convo = createTextConversation({ callId: "c3", profile: testProfile(), mode: "normal", responder, actions: new FakeActions() });
    await convo.start();
    expect(await convo.say("a person please")).toMatchObject({ text: "I can't: no transfer number.", ended: false });
  });

  it("silence on an injected clock: tick() re-prompts, then ends the call", async () => {
    const clock = new FakeClock();
    const convo = createTextConversation({
      callId: "c4",
      profile: testProfile({ silenceTimeoutSec: 5 }),
      mode: "normal",
      responder: receptionist(),
      actions: new FakeActions(),
      now: clock.now,
      config: { maxSilenceReprompts: 1 },
    });
    await convo.start();
    clock.advance(4_000);
    expect((await convo.tick()).text).toBe("");
    clock.advance(1_000);
    expect((await convo.tick()).text).toBe(prompts.silenceReprompt(1));
    clock.advance(5_000);
    expect(await convo.tick()).toMatchObject({ text: prompts.silenceGoodbye, endReason: "SILENCE_TIMEOUT" });
  });

  it("the caller hanging up ends the call", async () => {
    const convo = createTextConversation({ callId: "c5", profile: testProfile(), mode: "normal", responder: receptionist(), actions: new FakeActions() });
    await convo.start();
    convo.hangup();
    expect(convo.ended).toBe("CALLER_HANGUP");
  });
});
