// The Twilio transport on the real voice server, against a scripted Twilio peer over real sockets.
// Assertions are on what arrived and in which order, never on how long it took.
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { linearToMulaw } from "../../../lib/audio/mulaw";
import { issueCallToken } from "../../../lib/calls/call-token";
import { freePort } from "../../../lib/test/free-port";
import { newTwilioSid as twilioSid } from "../../../lib/providers/twilio/call-sid";
import { TwilioPeer } from "../../../lib/test/twilio-peer";
import { createVoiceHttpServer, type VoiceHttpServer } from "../http-server";
import { createPacer, type Pacer } from "../pacer";
import { twilioMediaStreamRoute } from "./media-stream";
import { scriptedOpenCall, type ScriptedSession } from "./scripted-session";

const logger = pino({ level: "silent" });
let voice: VoiceHttpServer;
let pacer: Pacer;
let url: string;
const script = scriptedOpenCall();

beforeAll(async () => {
  pacer = createPacer();
  voice = createVoiceHttpServer({
    logger,
    routes: {},
    upgradeRoutes: [twilioMediaStreamRoute({ logger, pacer, openCall: script.openCall })],
  });
  const port = await voice.listen(await freePort(), "127.0.0.1");
  url = `ws://127.0.0.1:${port}/twilio/media-stream`;
});

afterAll(async () => {
  await voice.close({ graceMs: 500 });
  pacer.stop();
});

let n = 0;
function callParams(callSid = twilioSid("CA")) {
  const callId = `call${++n}`;
  return { callSid, customParameters: { callId, callToken: issueCallToken({ callId, callSid }) } };
}

async function connectCall(opts: { playout?: "realtime" | "instant" } = {}): Promise<{ peer: TwilioPeer; session: ScriptedSession }> {
  const params = callParams();
  const peer = await TwilioPeer.connect({ url, ...params, ...opts });
  let session: ScriptedSession | undefined;
  await peer.waitFor(() => (session = script.sessions.find((s) => s.info.callSid === params.callSid)) !== undefined, 5000, "openCall");
  return { peer, session: session! };
}

const framesOf = (peer: TwilioPeer, value: number) => peer.frames.filter((f) => f.every((b) => b === linearToMulaw(value))).length;

describe("Twilio media stream over a real socket", () => {
  it("speaks the protocol: caller frames and dtmf in; 160-byte frames with the streamSid, then the mark, out; echoes reach the session", async () => {
    const { peer, session } = await connectCall();
    await peer.streamAudio(new Uint8Array(160 * 10).fill(linearToMulaw(-1200)), { realtime: true });
    peer.sendDtmf("7");
    await peer.waitFor(() => session.frames.length === 10 && session.digits.length === 1, 5000, "caller audio");
    expect(session.frames.every((f) => f.length === 160 && f.every((s) => s === session.frames[0]![0]))).toBe(true);
    expect(session.digits).toEqual(["7"]);

    session.say("greet", 200, 900);
    await peer.waitFor(() => session.heard.includes("greet"), 5000, "mark echo");
    expect(peer.protocolErrors).toEqual([]);
    expect(peer.frames).toHaveLength(10);
    expect(framesOf(peer, 900)).toBe(10);
    expect(peer.events.at(-1)).toEqual({ type: "mark", name: "greet" });
    // Twilio echoes a mark only once the audio before it has played
    expect(peer.playedFrames()).toBe(10);
    peer.stop();
    await peer.closed;
    await peer.waitFor(() => session.closed, 2000, "session closed");
    expect(session.callerHungUp).toBe(true);
  });

  it("clear: no frame of the cleared audio arrives after the clear, and later audio flows", async () => {
    const { peer, session } = await connectCall();
    session.say("long", 3000, 500);
    await peer.waitFor(() => peer.frames.length >= 8, 5000, "some audio");
    session.sink.clear();
    await peer.waitFor(() => peer.events.some((e) => e.type === "clear"), 5000, "clear");
    session.say("after", 100, -700);
    await peer.waitFor(() => session.heard.includes("after"), 5000, "next segment heard");
    const at = peer.events.findIndex((e) => e.type === "clear");
    const later = peer.events.slice(at + 1);
    expect(later.filter((e) => e.type === "media").every((e) => e.type === "media" && peer.frames[e.frame]!.every((b) => b === linearToMulaw(-700)))).toBe(true);
    expect(later.filter((e) => e.type === "media")).toHaveLength(5);
    expect(peer.events.some((e) => e.type === "mark" && e.name === "long")).toBe(false);
    expect(framesOf(peer, 500)).toBeLessThan(150);
    expect(session.heard).toEqual(["after"]);
    expect(peer.protocolErrors).toEqual([]);
    peer.close();
  });

  it("hangup closes the stream (1000) after the goodbye was heard", async () => {
    const { peer, session } = await connectCall();
    session.say("bye", 300, 1500);
    session.sink.hangup("AGENT_HANGUP");
    const closed = await peer.closed;
    expect(closed).toEqual({ code: 1000, reason: "hangup" });
    expect(peer.echoedMarks).toEqual(["bye"]);
    expect(peer.playedFrames()).toBe(15);
    expect(session.heard).toEqual(["bye"]);
    expect(session.callerHungUp).toBe(false);
    expect(session.closed).toBe(true);
  });

  it("rejects missing, forged, expired and other-call tokens before openCall", async () => {
    const opened = script.calls.length;
    const callSid = twilioSid("CA");
    const tokens: Record<string, string>[] = [
      { callId: "x1" },
      { callId: "x1", callToken: issueCallToken({ callId: "x1", callSid, secret: "not-the-server-secret-0123456789abcdef" }) },
      { callId: "x1", callToken: issueCallToken({ callId: "x1", callSid, now: new Date(Date.now() - 3_600_000) }) },
      { callId: "x1", callToken: issueCallToken({ callId: "x1", callSid: twilioSid("CA") }) },
    ];
    for (const customParameters of tokens) {
      const peer = await TwilioPeer.connect({ url, callSid, customParameters });
      expect(await peer.closed).toEqual({ code: 1008, reason: "token_invalid" });
    }
    expect(script.calls.length).toBe(opened);
  });

  it("two calls at once get only their own audio, marks and input", async () => {
    const [a, b] = await Promise.all([connectCall(), connectCall()]);
    a!.session.say("a1", 200, 111);
    b!.session.say("b1", 200, -111);
    await Promise.all([a!.peer.streamAudio(new Uint8Array(160 * 5).fill(linearToMulaw(3000))), b!.peer.streamAudio(new Uint8Array(160 * 5).fill(linearToMulaw(-3000)))]);
    a!.peer.sendDtmf("1");
    b!.peer.sendDtmf("2");
    await a!.peer.waitFor(() => a!.session.heard.length === 1 && b!.session.heard.length === 1 && a!.session.digits.length === 1 && b!.session.digits.length === 1, 5000, "both calls");
    expect(framesOf(a!.peer, 111)).toBe(10);
    expect(framesOf(b!.peer, -111)).toBe(10);
    expect(a!.peer.frames).toHaveLength(10);
    expect(b!.peer.frames).toHaveLength(10);
    expect([a!.session.heard, b!.session.heard]).toEqual([["a1"], ["b1"]]);
    expect([a!.session.digits, b!.session.digits]).toEqual([["1"], ["2"]]);
    expect(a!.session.frames.every((f) => f[0]! > 0)).toBe(true);
    expect(b!.session.frames.every((f) => f[0]! < 0)).toBe(true);
    a!.peer.stop();
    b!.peer.stop();
  });
});

/** Deterministic PRNG, so a failing fuzz case can be replayed. */
function mulberry32(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type FuzzCase = { kind: string; needsStart: boolean; data: string | Buffer; binary?: boolean };

function fuzzCases(count: number, rand: () => number): FuzzCase[] {
  const pick = <T>(xs: T[]) => xs[Math.floor(rand() * xs.length)]!;
  const bytes = (len: number) => Buffer.from(Array.from({ length: len }, () => Math.floor(rand() * 256)));
  const media = (streamSid: string, payload: unknown) => ({ event: "media", sequenceNumber: "2", streamSid, media: { track: "inbound", chunk: "1", timestamp: "0", payload } });
  const wrong = [123, null, {}, [], true, -1.5];
  const out: FuzzCase[] = [];
  for (let i = 0; i < count; i++) {
    const kind = pick(["garbage_binary", "garbage_text", "wrong_type", "huge", "media_before_start", "bad_base64", "unknown_event", "second_start", "bad_size"]);
    // the streamSid is filled in per socket: "$SID" is replaced when sending
    switch (kind) {
      case "garbage_binary":
        out.push({ kind, needsStart: rand() < 0.5, data: bytes(1 + Math.floor(rand() * 400)), binary: true });
        break;
      case "garbage_text":
        out.push({ kind, needsStart: rand() < 0.5, data: bytes(1 + Math.floor(rand() * 300)).toString("latin1") });
        break;
      case "wrong_type": {
        const msg = media("$SID", Buffer.alloc(160).toString("base64")) as Record<string, unknown>;
        const field = pick(["sequenceNumber", "streamSid", "media", "media.payload", "event"]);
        const value = rand() < 0.3 ? undefined : pick(wrong);
        if (field === "media.payload") (msg.media as Record<string, unknown>).payload = value;
        else msg[field] = value;
        out.push({ kind, needsStart: true, data: JSON.stringify(msg) });
        break;
      }
      case "huge":
        out.push({ kind, needsStart: rand() < 0.5, data: JSON.stringify(media("$SID", "A".repeat(rand() < 0.1 ? 1_100_000 : 9_000 + Math.floor(rand() * 50_000)))) });
        break;
      case "media_before_start":
        out.push({ kind, needsStart: false, data: JSON.stringify(media("$SID", Buffer.alloc(160).toString("base64"))) });
        break;
      case "bad_base64": {
        const b64 = Buffer.alloc(160).toString("base64").split("");
        b64[Math.floor(rand() * b64.length)] = pick(["*", " ", "-", "_", "\u00e9", "."]);
        out.push({ kind, needsStart: true, data: JSON.stringify(media("$SID", b64.join(""))) });
        break;
      }
      case "unknown_event":
        out.push({ kind, needsStart: rand() < 0.5, data: JSON.stringify({ event: pick(["clear", "Media", "start2", "", "mark "]), streamSid: "$SID", sequenceNumber: "2" }) });
        break;
      case "second_start":
        out.push({ kind, needsStart: true, data: "SECOND_START" });
        break;
      case "bad_size":
        out.push({ kind, needsStart: true, data: JSON.stringify(media("$SID", bytes(pick([0, 1, 159, 161, 320])).toString("base64"))) });
        break;
    }
  }
  return out;
}

describe("Twilio media stream fuzz", () => {
  it("a few hundred bad messages each close only their own socket while a good call keeps streaming", { timeout: 60_000 }, async () => {
    const good = await connectCall();
    const goodAudio = good.peer.streamAudio(new Uint8Array(160 * 150).fill(linearToMulaw(2000)), { realtime: true });
    good.session.say("g1", 1000, 321);

    const rand = mulberry32(7);
    const cases = fuzzCases(300, rand);
    const outcomes: { kind: string; code: number; reason: string }[] = [];
    for (let i = 0; i < cases.length; i += 25) {
      await Promise.all(
        cases.slice(i, i + 25).map(async (c) => {
          const params = callParams();
          const peer = await TwilioPeer.connect({ url, ...params, autoStart: false });
          peer.sendConnected();
          if (c.needsStart) peer.sendStart();
          const data = c.data === "SECOND_START" ? null : typeof c.data === "string" ? c.data.replaceAll("$SID", peer.streamSid) : c.data;
          if (data === null) peer.sendStart();
          else peer.sendRaw(data, c.binary);
          const closed = await Promise.race([peer.closed, new Promise<{ code: number; reason: string }>((r) => setTimeout(() => r({ code: -1, reason: "still open" }), 10_000))]);
          if (closed.code === -1) peer.close();
          outcomes.push({ kind: c.kind, ...closed });
        }),
      );
    }
    const notClosed = outcomes.filter((o) => o.code !== 1008 && o.code !== 1009);
    expect(notClosed).toEqual([]);
    expect(new Set(outcomes.map((o) => o.kind)).size).toBe(9);
    // each closed for what it did, not because its start was refused or timed out
    expect(outcomes.filter((o) => ["token_invalid", "start_timeout", "open_failed", "internal_error"].includes(o.reason))).toEqual([]);

    // the good call never noticed
    await goodAudio;
    await good.peer.waitFor(() => good.session.frames.length === 150 && good.session.heard.includes("g1"), 10_000, "good call");
    expect(good.peer.isOpen).toBe(true);
    expect(framesOf(good.peer, 321)).toBe(50);
    expect(good.peer.protocolErrors).toEqual([]);
    good.session.say("g2", 100, 654);
    await good.peer.waitFor(() => good.session.heard.includes("g2"), 5000, "good call still speaking");
    expect(good.session.closed).toBe(false);
    good.peer.stop();
  });
});
