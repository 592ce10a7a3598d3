// The simulator against a scripted far end: a fake app (the voice webhook and status callbacks,
// checking Twilio's signature) and a fake voice server speaking the Twilio side of Media Streams,
// which plays a greeting, answers, gets interrupted (and sends `clear`), and hangs up.
import { once } from "node:events";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { WebSocketServer, type WebSocket } from "ws";
import { decodeMulaw } from "../../lib/audio/mulaw";
import { extractChannel, parseWav } from "../../lib/audio/wav";
import { connectStreamTwiml, emptyTwiml, sayAndHangUpTwiml } from "../../lib/providers/twilio/twiml";
import { isValidTwilioSignature } from "../../lib/providers/twilio/signature";
import type { SimOptions } from "./args";
import { SimError } from "./errors";
import { runCall } from "./run-call";
import type { PreparedStep } from "./script";

const TOKEN = "sim-int-test-token-0000000000000001";
const REFUSED_NUMBER = "+15550000000";

type Received = Record<string, unknown> & { event: string };

interface FarEnd {
  webhooks: { path: string; params: Record<string, string>; signed: boolean }[];
  messages: Received[];
  /** [mark name, ms between sending it and its echo]. */
  echoes: [string, number][];
  clearSentAt: number | null;
  badFrames: number;
  server?: { http: Server; wss: WebSocketServer };
}

const far: FarEnd = { webhooks: [], messages: [], echoes: [], clearSentAt: null, badFrames: 0 };
let appUrl = "";
let dir = "";
let voiceUrl = "";

function frames(n: number, byte = 0x20): string[] {
  return Array.from({ length: n }, () => Buffer.alloc(160, byte).toString("base64"));
}

/** The voice server's half: a greeting, an answer per caller turn and DTMF, a clear on barge-in, a goodbye. */
function scriptedVoiceServer(ws: WebSocket): void {
  let streamSid = "";
  const sentAt = new Map<string, number>();
  let speechFrames = 0;
  let silenceAfterSpeech = 0;
  let replies = 0;
  let playingUntil = 0;
  const send = (o: object) => ws.send(JSON.stringify(o));
  const say = (mark: string, n: number) => {
    for (const payload of frames(n)) send({ event: "media", streamSid, media: { payload } });
    send({ event: "mark", streamSid, mark: { name: mark } });
    sentAt.set(mark, performance.now());
    playingUntil = performance.now() + n * 20;
  };
  ws.on("message", (data) => {
    const msg = JSON.parse(data.toString()) as Received;
    far.messages.push(msg);
    if (msg.event === "start") {
      streamSid = msg.streamSid as string;
      say("greeting", 15); // 300 ms, sent all at once: the client must pace the echo
    } else if (msg.event === "mark") {
      const name = (msg.mark as { name: string }).name;
      far.echoes.push([name, performance.now() - sentAt.get(name)!]);
      if (name === "bye") ws.close(1000, "hangup");
    } else if (msg.event === "dtmf") {
      say("after-dtmf", 75); // 1.5 s: long enough to be interrupted
    } else if (msg.event === "media") {
      const bytes = Buffer.from((msg.media as { payload: string }).payload, "base64");
      if (bytes.length !== 160) far.badFrames++;
      const pcm = decodeMulaw(bytes);
      const loud = Math.sqrt(pcm.reduce((s, v) => s + v * v, 0) / pcm.length) > 300;
      if (loud) {
        speechFrames++;
        silenceAfterSpeech = 0;
        // Barge-in: the caller talks over audio still playing → clear at the third speech frame.
        if (speechFrames === 3 && performance.now() < playingUntil && far.clearSentAt === null) {
          send({ event: "clear", streamSid });
          far.clearSentAt = performance.now();
        }
      } else if (speechFrames > 0 && ++silenceAfterSpeech === 10) {
        speechFrames = 0;
        replies++;
        if (replies === 1) say("answer", 10);
        else say("bye", 5);
      }
    }
  });
}

function readForm(req: import("node:http").IncomingMessage): Promise<Record<string, string>> {
  return new Promise((resolve) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString()));
    req.on("end", () => resolve(Object.fromEntries(new URLSearchParams(body))));
  });
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "sim-int-"));
  const wss = new WebSocketServer({ port: 0, path: "/twilio/media-stream" });
  await once(wss, "listening");
  const wsPort = (wss.address() as { port: number }).port;
  wss.on("connection", scriptedVoiceServer);
  const http = createServer((req, res) => {
    void readForm(req).then((params) => {
      const url = `${appUrl}${req.url}`;
      const signed = isValidTwilioSignature(TOKEN, (req.headers["x-twilio-signature"] as string) ?? null, url, params);
      far.webhooks.push({ path: req.url!, params, signed });
      if (!signed) return void res.writeHead(403).end();
      res.setHeader("content-type", "text/xml");
      if (req.url === "/api/twilio/status") return void res.end(emptyTwiml());
      if (params.To === REFUSED_NUMBER) return void res.end(sayAndHangUpTwiml("Sorry, the number you have called is not in service. Goodbye."));
      res.end(connectStreamTwiml({ streamUrl: `ws://localhost:1/twilio/media-stream`, parameters: { callId: "call_1", callToken: `tok-${params.CallSid}` } }));
    });
  });
  http.listen(0, "127.0.0.1");
  await once(http, "listening");
  appUrl = `http://127.0.0.1:${(http.address() as { port: number }).port}`;
  far.server = { http, wss };
  // The TwiML names a dead host on purpose: --voice-url must move the stream to the real one.
  voiceUrl = `ws://127.0.0.1:${wsPort}`;
});

afterAll(async () => {
  far.server?.wss.close();
  far.server?.http.close();
  await rm(dir, { recursive: true, force: true });
});

function tone(ms: number, leadSilenceMs = 100): Int16Array {
  const pcm = new Int16Array(((leadSilenceMs + ms) * 8000) / 1000);
  for (let i = (leadSilenceMs * 8000) / 1000; i < pcm.length; i++) pcm[i] = Math.round(8000 * Math.sin((2 * Math.PI * 440 * i) / 8000));
  return pcm;
}

/**
 * Runs a call on fake timers and a fake performance clock (the simulator's and the far end's), moving
 * the clock 1 ms at a time once the sockets have carried what was sent: what each side hears, and when
 * on the call's clock, is then the script's on any machine. (On real time, an event loop stalling for
 * 250 ms at a time kept 0.4 s of the cleared audio in the recording, past the limit checked below.)
 */
async function onFakeClock<T>(call: () => Promise<T>): Promise<T> {
  vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "setInterval", "clearInterval", "performance"] });
  // The fake performance.now() starts at 0; a real one has counted the process's uptime before any call
  // (the playout takes audio arriving within 100 ms of 0 for the tail of an earlier stretch).
  vi.advanceTimersByTime(60_000);
  try {
    let ended = false;
    const result = call().finally(() => (ended = true));
    result.catch(() => undefined); // awaited below
    const deadline = Date.now() + 15_000; // real time: Date is not faked
    while (!ended) {
      if (Date.now() > deadline) throw new Error("the call did not end");
      // Loopback traffic is a few turns of the event loop away, however slow the machine: let it arrive.
      for (let turn = 0; turn < 4; turn++) await new Promise((resolve) => setImmediate(resolve));
      await vi.advanceTimersByTimeAsync(1);
    }
    return await result;
  } finally {
    vi.useRealTimers();
  }
}

const options = (over: Partial<SimOptions> = {}): SimOptions => ({
  to: "+15550100001",
  from: "+15550009999",
  script: [],
  text: false,
  json: false,
  appUrl,
  voiceUrl,
  timeoutSec: 30,
  gapMs: 100,
  voice: "local-en-us-2",
  statusCallbacks: true,
  ...over,
});

describe("the call simulator against a scripted Twilio far end", () => {
  it("signs the webhooks, streams real-time frames, acks marks when played, honours clear", async () => {
    const steps: PreparedStep[] = [
      { step: { kind: "say", text: "first" }, pcm: tone(400) },
      { step: { kind: "dtmf", digit: "5" } },
      { step: { kind: "say", text: "interrupting", bargeInAfterMs: 200 }, pcm: tone(400) },
    ];
    const out = path.join(dir, "call.wav");
    const result = await onFakeClock(() => runCall(options({ script: steps.map((s) => s.step), out }), { authToken: TOKEN, steps }));

    // Webhooks: the voice webhook, then in-progress and completed, all signed like Twilio.
    expect(far.webhooks.map((w) => [w.path, w.params.CallStatus, w.signed])).toEqual([
      ["/api/twilio/voice", "ringing", true],
      ["/api/twilio/status", "in-progress", true],
      ["/api/twilio/status", "completed", true],
    ]);
    const callSid = far.webhooks[0]!.params.CallSid!;
    expect(callSid).toMatch(/^CA[0-9a-f]{32}$/);
    expect(far.webhooks[0]!.params).toMatchObject({ To: "+15550100001", From: "+15550009999", Direction: "inbound" });
    expect(Number(far.webhooks[2]!.params.CallDuration)).toBeGreaterThanOrEqual(1);

    // The stream: connected, then start with the TwiML's parameters and the webhook's CallSid.
    expect(far.messages[0]).toMatchObject({ event: "connected", protocol: "Call" });
    const start = far.messages[1]!;
    expect(start).toMatchObject({
      event: "start",
      sequenceNumber: "1",
      start: { callSid, tracks: ["inbound"], mediaFormat: { encoding: "audio/x-mulaw", sampleRate: 8000, channels: 1 }, customParameters: { callId: "call_1", callToken: `tok-${callSid}` } },
    });
    const streamSid = (start.start as { streamSid: string }).streamSid;
    expect(streamSid).toMatch(/^MZ[0-9a-f]{32}$/);
    expect(far.messages.slice(2).every((m) => m.streamSid === streamSid)).toBe(true);
    const seqs = far.messages.slice(1).map((m) => Number(m.sequenceNumber));
    expect(seqs).toEqual(seqs.map((_, i) => i + 1));

    // Caller audio: whole 20 ms frames, numbered chunks and timestamps, silence between turns.
    const media = far.messages.filter((m) => m.event === "media") as (Received & { media: { chunk: string; timestamp: string; track: string } })[];
    expect(far.badFrames).toBe(0);
    expect(media.length).toBe(result.callerFramesSent);
    expect(media.map((m) => m.media.chunk)).toEqual(media.map((_, i) => String(i + 1)));
    expect(media.at(-1)!.media.timestamp).toBe(String((media.length - 1) * 20));
    expect(media.every((m) => m.media.track === "inbound")).toBe(true);
    // Real time: as many frames as the call lasted (give or take the ticks around connect and stop).
    expect(Math.abs(media.length * 20 - result.durationSec * 1000)).toBeLessThan(300);
    expect(far.messages.filter((m) => m.event === "dtmf").map((m) => (m.dtmf as { digit: string }).digit)).toEqual(["5"]);

    // Marks: the greeting's echo came after its 300 ms had played; the interrupted answer's echo came
    // with the clear, long before its 1.5 s would have played.
    const echo = Object.fromEntries(far.echoes);
    expect(echo.greeting).toBeGreaterThanOrEqual(299);
    expect(echo.answer).toBeGreaterThanOrEqual(199);
    expect(far.clearSentAt).not.toBeNull();
    expect(echo["after-dtmf"]).toBeLessThan(1500);
    expect(far.echoes.map(([n]) => n)).toEqual(["greeting", "answer", "after-dtmf", "bye"]);

    // The client's view.
    expect(result.outcome).toBe("hung_up_by_agent");
    expect(result.closed).toEqual({ code: 1000, reason: "hangup" });
    expect(result.turns.map((t) => t.kind)).toEqual(["say", "dtmf", "say"]);
    expect(result.turns[0]!.replyLatencyMs).not.toBeNull();
    expect(result.turns[0]!.replyLatencyMs!).toBeGreaterThan(150); // the fake waits 10 silent frames
    const barge = result.turns[2]!.bargeIn!;
    expect(barge.afterMs).toBe(200);
    expect(barge.clearAtMs).not.toBeNull();
    expect(barge.onsetToClearMs!).toBeGreaterThanOrEqual(0);
    expect(barge.agentFinishedFirst).toBe(false);
    expect(result.agent.clears).toBe(1);
    expect(result.protocolErrors).toEqual([]);

    // The recording: stereo, caller left, agent right; the cleared audio is not in it.
    const wav = parseWav(await readFile(out));
    expect(wav.channels).toBe(2);
    const agent = extractChannel(wav.samples, 2, 1);
    const caller = extractChannel(wav.samples, 2, 0);
    const voiced = (pcm: Int16Array) => pcm.reduce((n, v) => n + (v !== 0 ? 1 : 0), 0);
    const agentSent = (15 + 10 + 75 + 5) * 160;
    expect(voiced(agent)).toBeLessThan(agentSent - 50 * 160);
    expect(voiced(agent)).toBeGreaterThan((15 + 10 + 5) * 160);
    expect(voiced(caller)).toBeGreaterThan(2 * 400 * 8 * 0.9);
    // Aligned: the caller's first words come after the greeting ended.
    const firstCaller = caller.findIndex((v) => v !== 0);
    const firstAgentGap = agent.findIndex((v, i) => i > 0 && v === 0 && agent[i - 1] !== 0);
    expect(firstCaller).toBeGreaterThan(firstAgentGap);
  }, 20_000);

  it("prints a refusal and fails with REFUSED", async () => {
    const err = await runCall(options({ to: REFUSED_NUMBER }), { authToken: TOKEN, steps: [] }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SimError);
    expect((err as SimError).code).toBe("REFUSED");
    expect((err as SimError).exitCode).toBe(3);
    expect((err as Error).message).toContain("not in service");
  });

  it("explains a signature the app rejects", async () => {
    const err = await runCall(options(), { authToken: "another-token", steps: [] }).catch((e: unknown) => e);
    expect((err as SimError).code).toBe("WEBHOOK_FAILED");
    expect((err as Error).message).toMatch(/signature \(403\)/);
  });

  it("fails clearly when no app answers", async () => {
    const err = await runCall(options({ appUrl: "http://127.0.0.1:9" }), { authToken: TOKEN, steps: [] }).catch((e: unknown) => e);
    expect((err as SimError).code).toBe("WEBHOOK_FAILED");
    expect((err as Error).message).toMatch(/could not reach/);
  });
});
