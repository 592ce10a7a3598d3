import { EventEmitter } from "node:events";
import pino from "pino";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { WebSocket } from "ws";
import { decodeMulaw, encodeMulaw, linearToMulaw } from "../../../lib/audio/mulaw";
import { issueCallToken } from "../../../lib/calls/call-token";
import { createPacer, type Pacer } from "../pacer";
import { handleTwilioMediaStream, type TwilioStreamDeps } from "./media-stream";
import { scriptedOpenCall, type ScriptedSession } from "./scripted-session";

const logger = pino({ level: "silent" });
const CALL_SID = "CA0123456789abcdef0123456789abcdef";
const STREAM_SID = "MZ0123456789abcdef0123456789abcdef";
const CALL_ID = "call1";

/** The server side of a socket: what the handler sent, and a way to deliver Twilio's messages. */
class FakeSocket extends EventEmitter {
  sent: Record<string, unknown>[] = [];
  closedWith: { code: number; reason: string } | undefined;
  send(data: string) {
    this.sent.push(JSON.parse(data) as Record<string, unknown>);
  }
  close(code: number, reason: string) {
    this.closedWith ??= { code, reason };
    queueMicrotask(() => this.emit("close", code, Buffer.from(reason)));
  }
  deliver(msg: unknown) {
    this.emit("message", Buffer.from(typeof msg === "string" ? msg : JSON.stringify(msg)), false);
  }
  kinds() {
    return this.sent.map((m) => (m.event === "mark" ? `mark:${(m.mark as { name: string }).name}` : String(m.event)));
  }
}

let seq = 0;
const next = () => String(++seq);
const startMsg = (params: Record<string, string>, over: Record<string, unknown> = {}) => ({
  event: "start",
  sequenceNumber: next(),
  streamSid: STREAM_SID,
  start: {
    accountSid: "AC0123456789abcdef0123456789abcdef",
    streamSid: STREAM_SID,
    callSid: CALL_SID,
    tracks: ["inbound"],
    customParameters: params,
    mediaFormat: { encoding: "audio/x-mulaw", sampleRate: 8000, channels: 1 },
    ...over,
  },
});
const mediaMsg = (bytes: Uint8Array) => ({ event: "media", sequenceNumber: next(), streamSid: STREAM_SID, media: { track: "inbound", chunk: "1", timestamp: "0", payload: Buffer.from(bytes).toString("base64") } });
const markMsg = (name: string) => ({ event: "mark", sequenceNumber: next(), streamSid: STREAM_SID, mark: { name } });
const goodParams = () => ({ callId: CALL_ID, callToken: issueCallToken({ callId: CALL_ID, callSid: CALL_SID }) });
const flush = async () => {
  for (let i = 0; i < 10; i++) await Promise.resolve();
};

let clock: { t: number };
let pacer: Pacer;

beforeEach(() => {
  vi.useFakeTimers();
  clock = { t: 0 };
  pacer = createPacer({ now: () => clock.t });
});
afterEach(() => {
  pacer.stop();
  vi.useRealTimers();
});

function open(over: Partial<TwilioStreamDeps> = {}, script = scriptedOpenCall()) {
  const ws = new FakeSocket();
  handleTwilioMediaStream(ws as unknown as WebSocket, { logger, pacer, openCall: script.openCall, now: () => clock.t, ...over });
  return { ws, script };
}

async function live(over: Partial<TwilioStreamDeps> = {}) {
  const { ws, script } = open(over);
  ws.deliver({ event: "connected", protocol: "Call", version: "1.0.0" });
  ws.deliver(startMsg(goodParams()));
  await flush();
  const session = script.sessions[0]!;
  expect(session.started).toBe(true);
  return { ws, script, session };
}

/** Advances the fake clock tick by tick, running the shared pacer's tick. */
function ticks(n: number) {
  for (let i = 0; i < n; i++) {
    clock.t += 20;
    pacer.runTick();
  }
}

describe("Twilio media stream: the call token", () => {
  const cases: [string, () => Record<string, string>][] = [
    ["missing", () => ({ callId: CALL_ID })],
    ["forged", () => ({ callId: CALL_ID, callToken: issueCallToken({ callId: CALL_ID, callSid: CALL_SID, secret: "someone-elses-secret-0123456789abcdef" }) })],
    ["expired", () => ({ callId: CALL_ID, callToken: issueCallToken({ callId: CALL_ID, callSid: CALL_SID, now: new Date(Date.now() - 600_000) }) })],
    ["for another CallSid", () => ({ callId: CALL_ID, callToken: issueCallToken({ callId: CALL_ID, callSid: "CAother" }) })],
    ["for another call id", () => ({ callId: "call2", callToken: goodParams().callToken })],
  ];
  for (const [name, params] of cases) {
    it(`closes the stream before openCall when the token is ${name}`, async () => {
      const { ws, script } = open();
      ws.deliver(startMsg(params()));
      await flush();
      expect(ws.closedWith).toEqual({ code: 1008, reason: "token_invalid" });
      expect(script.calls).toHaveLength(0);
      ws.deliver(mediaMsg(new Uint8Array(160)));
      expect(ws.sent).toHaveLength(0);
    });
  }

  it("hands a verified stream to openCall and starts the session", async () => {
    const { script, session } = await live();
    expect(script.calls[0]).toMatchObject({ callId: CALL_ID, callSid: CALL_SID, streamSid: STREAM_SID });
    expect(session.info.customParameters.callId).toBe(CALL_ID);
    expect(pacer.size).toBe(1);
  });
});

describe("Twilio media stream: inbound", () => {
  it("decodes caller frames, delivers dtmf, and ends the session on stop", async () => {
    const { ws, session } = await live();
    const pcm = new Int16Array(160).map((_, i) => (i - 80) * 200);
    ws.deliver(mediaMsg(encodeMulaw(pcm)));
    ws.deliver({ event: "dtmf", streamSid: STREAM_SID, sequenceNumber: next(), dtmf: { track: "inbound_track", digit: "0" } });
    expect(session.frames).toHaveLength(1);
    expect(Array.from(session.frames[0]!)).toEqual(Array.from(decodeMulaw(encodeMulaw(pcm))));
    expect(session.digits).toEqual(["0"]);
    ws.deliver({ event: "stop", sequenceNumber: next(), streamSid: STREAM_SID, stop: { accountSid: "AC1", callSid: CALL_SID } });
    expect(ws.closedWith).toEqual({ code: 1000, reason: "stopped" });
    expect(session.callerHungUp && session.closed).toBe(true);
    expect(pacer.size).toBe(0);
  });

  it("keeps dtmf pressed while the call was opening, drops audio from then, and ends a call whose caller left meanwhile", async () => {
    let release!: () => void;
    const script = scriptedOpenCall({ delay: new Promise<void>((r) => (release = r)) });
    const { ws } = open({}, script);
    ws.deliver(startMsg(goodParams()));
    ws.deliver(mediaMsg(new Uint8Array(160)));
    ws.deliver({ event: "dtmf", streamSid: STREAM_SID, sequenceNumber: next(), dtmf: { digit: "5" } });
    release();
    await flush();
    const session = script.sessions[0]!;
    expect(session.frames).toHaveLength(0);
    expect(session.digits).toEqual(["5"]);

    let release2!: () => void;
    const slow = scriptedOpenCall({ delay: new Promise<void>((r) => (release2 = r)) });
    const second = open({}, slow);
    second.ws.deliver(startMsg(goodParams()));
    second.ws.emit("close", 1006, Buffer.from(""));
    release2();
    await flush();
    expect(slow.sessions[0]!.callerHungUp && slow.sessions[0]!.closed).toBe(true);
    expect(slow.sessions[0]!.started).toBe(false);
  });

  const violations: [string, (ws: FakeSocket) => void, boolean][] = [
    ["media_before_start", (ws) => ws.deliver(mediaMsg(new Uint8Array(160))), false],
    ["event_before_start", (ws) => ws.deliver(markMsg("x")), false],
    ["bad_json", (ws) => ws.deliver("{nope"), true],
    ["unknown_event", (ws) => ws.deliver({ event: "hello" }), true],
    ["second_start", (ws) => ws.deliver(startMsg(goodParams())), true],
    ["stream_mismatch", (ws) => ws.deliver({ ...mediaMsg(new Uint8Array(160)), streamSid: "MZother" }), true],
    ["bad_payload", (ws) => ws.deliver({ ...mediaMsg(new Uint8Array(160)), media: { payload: "not base64!" } }), true],
    ["bad_media_size", (ws) => ws.deliver(mediaMsg(new Uint8Array(100))), true],
    ["binary_frame", (ws) => ws.emit("message", Buffer.alloc(10), true), true],
    ["oversized", (ws) => ws.deliver({ event: "media", pad: "x".repeat(20_000) }), true],
  ];
  for (const [reason, send, afterStart] of violations) {
    it(`closes the socket on ${reason}${afterStart ? " and ends the session" : ""}`, async () => {
      const { ws, session } = afterStart ? await live() : { ...open(), session: undefined as ScriptedSession | undefined };
      send(ws);
      expect(ws.closedWith).toEqual({ code: 1008, reason });
      if (session) expect(session.callerHungUp && session.closed).toBe(true);
    });
  }

  it("closes a stream with a foreign media format, and one that never starts", async () => {
    const a = open();
    a.ws.deliver(startMsg(goodParams(), { mediaFormat: { encoding: "audio/x-l16", sampleRate: 16000, channels: 1 } }));
    expect(a.ws.closedWith).toEqual({ code: 1008, reason: "bad_media_format" });
    const b = open({ startTimeoutMs: 10_000 });
    b.ws.deliver({ event: "connected", protocol: "Call", version: "1.0.0" });
    vi.advanceTimersByTime(9_999);
    expect(b.ws.closedWith).toBeUndefined();
    vi.advanceTimersByTime(1);
    expect(b.ws.closedWith).toEqual({ code: 1008, reason: "start_timeout" });
  });

  it("closes with 1011 when the call cannot be opened", async () => {
    const { ws } = open({}, scriptedOpenCall({ refuse: true }));
    ws.deliver(startMsg(goodParams()));
    await flush();
    expect(ws.closedWith).toEqual({ code: 1011, reason: "open_failed" });
  });
});

describe("Twilio media stream: outbound", () => {
  it("sends paced 160-byte frames, then the segment's mark, and reports the echo as heard", async () => {
    const { ws, session } = await live();
    session.say("greet", 100, 1000); // 5 frames
    // The first audio goes out as it arrives (the 333-sample chunk: 2 whole frames), not at the next tick.
    expect(ws.kinds()).toEqual(["media", "media"]);
    ticks(1);
    expect(ws.kinds()).toEqual(["media", "media", "media", "media", "media", "mark:greet"]);
    for (const m of ws.sent.filter((x) => x.event === "media")) {
      expect(m.streamSid).toBe(STREAM_SID);
      const bytes = Buffer.from((m.media as { payload: string }).payload, "base64");
      expect(bytes).toHaveLength(160);
      expect(bytes.every((b) => b === linearToMulaw(1000))).toBe(true);
    }
    expect(session.heard).toEqual([]);
    ws.deliver(markMsg("greet"));
    expect(session.heard).toEqual(["greet"]);
    ws.deliver(markMsg("never-sent"));
    expect(session.heard).toEqual(["greet"]);
    expect(session.ticks).toBeGreaterThan(0);
  });

  it("clear drops queued audio and unsent marks; echoes of marks sent before it are not 'heard'", async () => {
    const { ws, session } = await live();
    session.say("a", 40, 100);
    session.say("b", 1000, 200);
    session.say("c", 100, 300);
    ticks(2);
    expect(ws.kinds().slice(0, 3)).toEqual(["media", "media", "mark:a"]);
    session.sink.clear();
    const atClear = ws.sent.length;
    expect(ws.sent[atClear - 1]).toEqual({ event: "clear", streamSid: STREAM_SID });
    ticks(10);
    expect(ws.sent.length).toBe(atClear); // nothing of b or c, no mark for them
    ws.deliver(markMsg("a")); // Twilio answers the pending mark on clear
    expect(session.heard).toEqual([]);
    // the engine speaks again: a fresh run
    session.say("d", 40, 400);
    ticks(1);
    expect(ws.kinds().slice(atClear)).toEqual(["media", "media", "mark:d"]);
    ws.deliver(markMsg("d"));
    expect(session.heard).toEqual(["d"]);
  });

  it("hangup closes (1000) only after the last audio was sent and its mark echoed", async () => {
    const { ws, session } = await live();
    session.say("bye", 200, 500); // 10 frames
    session.sink.hangup("AGENT_HANGUP");
    session.sink.audio("late", new Int16Array(160)); // nothing after a hangup
    ticks(20);
    expect(ws.kinds().filter((k) => k === "media")).toHaveLength(10);
    expect(ws.kinds().at(-1)).toBe("mark:bye");
    expect(ws.closedWith).toBeUndefined();
    ws.deliver(markMsg("bye"));
    expect(ws.closedWith).toEqual({ code: 1000, reason: "hangup" });
    await flush();
    expect(session.heard).toEqual(["bye"]);
    expect(session.callerHungUp).toBe(false);
    expect(session.closed).toBe(true);
    expect(pacer.size).toBe(0);
  });

  it("hangup gives up waiting for a mark echo that never comes", async () => {
    const { ws, session } = await live({ hangupGraceMs: 1000 });
    session.say("bye", 40, 500);
    session.sink.hangup("AGENT_HANGUP");
    ticks(40);
    expect(ws.closedWith).toBeUndefined();
    ticks(20);
    expect(ws.closedWith).toEqual({ code: 1000, reason: "hangup" });
  });

  it("passes transfer intent to the host with the CallSid", async () => {
    const onTransfer = vi.fn();
    const { session } = await live({ onTransfer });
    session.sink.transfer("+15550100002");
    expect(onTransfer).toHaveBeenCalledWith(CALL_SID, "+15550100002");
  });
});

describe("Twilio media stream: REST call control (Twilio keys set)", () => {
  const control = () => ({ transfer: vi.fn(async () => true), complete: vi.fn(async () => {}) });
  const ref = { callId: CALL_ID, callSid: CALL_SID };

  it("completes the call through REST when the agent's hang-up closes the stream, not when the caller left", async () => {
    const callControl = control();
    const { ws, session } = await live({ callControl });
    session.sink.hangup("AGENT_HANGUP");
    ticks(1);
    expect(ws.closedWith).toEqual({ code: 1000, reason: "hangup" });
    expect(callControl.complete).toHaveBeenCalledWith(ref, "hangup");

    const other = control();
    const second = await live({ callControl: other });
    second.ws.deliver({ event: "stop", sequenceNumber: next(), streamSid: STREAM_SID, stop: { accountSid: "AC0123456789abcdef0123456789abcdef", callSid: CALL_SID } });
    expect(second.ws.closedWith?.reason).toBe("stopped");
    expect(other.complete).not.toHaveBeenCalled();
  });

  it("completes the call when an error closes its stream", async () => {
    const callControl = control();
    const { ws } = await live({ callControl });
    ws.deliver("not json");
    expect(ws.closedWith?.code).toBe(1008);
    expect(callControl.complete).toHaveBeenCalledWith(ref, "bad_json");
  });

  it("redirects a transfer through REST keeping the stream open, and lets the caller go if Twilio refuses", async () => {
    const callControl = control();
    const { ws, session } = await live({ callControl });
    session.sink.transfer("+15550100002");
    await flush();
    expect(callControl.transfer).toHaveBeenCalledWith(ref, "+15550100002");
    expect(ws.closedWith).toBeUndefined(); // Twilio stops the stream when the <Dial> takes over

    const failing = { transfer: vi.fn(async () => false), complete: vi.fn(async () => {}) };
    const second = await live({ callControl: failing });
    second.session.sink.transfer("+15550100002");
    await flush();
    expect(second.ws.closedWith).toEqual({ code: 1000, reason: "hangup" });
    expect(failing.complete).not.toHaveBeenCalled(); // the failed transfer is already on record; the close ends the call
  });
});
