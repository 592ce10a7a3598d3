// The callers' side of `npm run bench:voice`, in a process of its own so their work does not land on
// the voice server's CPU figures: forked by server/bench/voice.ts, it receives the calls to place
// (stream URL, CallSid, the TwiML's parameters), synthesises the scripted turns once, opens every
// stream on one shared 20 ms ticker, plays the script in a loop until the time is up, hangs up, and
// sends back what the callers measured (as histograms).
import { EspeakTts } from "../../lib/providers/speech/local/espeak-tts";
import { synthesizeCallerSpeech } from "../sim/caller-audio";
import { runScript, type PreparedStep } from "../sim/script";
import { Histogram, type HistogramJson } from "../sim/stats";
import { TwilioStreamClient } from "../sim/stream-client";
import { Ticker } from "../sim/ticker";

export interface CallerJob {
  streamUrl: string;
  callSid: string;
  accountSid: string;
  parameters: Record<string, string>;
}

export interface CallersRequest {
  type: "run";
  calls: CallerJob[];
  seconds: number;
  turns: { text: string; bargeInAfterMs?: number }[];
  voiceId: string;
  gapMs: number;
  /** Streams are opened over this long, not all in the same millisecond. */
  rampMs: number;
  /**
   * Call i of n starts its script staggerMs·i/n after the window opens, as real callers do not all speak
   * at the same instant; 0: every call speaks its lines together (turns, STT, LLM and TTS requests in
   * bursts of all calls at once: the worst case).
   */
  staggerMs: number;
  /** Background noise on every caller's line, dBFS RMS (absent: digital silence between words). */
  lineNoiseDbfs?: number;
}

export interface CallersReport {
  type: "report";
  callsPlaced: number;
  callsConnected: number;
  /** Still open when the callers hung up: the server did not end or drop them. */
  callsHeld: number;
  closedByServer: { code: number; reason: string; count: number }[];
  framesSent: number;
  framesReceived: number;
  framesLate: number;
  badFrames: number;
  protocolErrors: number;
  jitter: HistogramJson;
  replyLatency: HistogramJson;
  repliesMissing: number;
  bargeIns: number;
  /** The agent kept talking over the caller and no clear came: missed barge-ins. */
  bargeInsWithoutClear: number;
  /** No clear, but the agent's audio ended before the caller had spoken long enough to interrupt it. */
  bargeInsTooLate: number;
  bargeInToClear: HistogramJson;
  /** Wall time the measured window lasted (all streams open → hang-up), ms. */
  windowMs: number;
  /** This process's CPU (every thread) over that window, ms: what the simulated Twilio side cost. */
  cpuMs: number;
}

export type CallersMessage = { type: "ready"; connected: number } | CallersReport | { type: "error"; message: string };

/** How long a turn's reply may take and still count; turns ending closer than this to the hang-up are not judged. */
const REPLY_WINDOW_MS = 5000;

const send = (m: CallersMessage) => new Promise<void>((resolve) => process.send!(m, undefined, {}, () => resolve()));

async function run(req: CallersRequest): Promise<void> {
  const tts = new EspeakTts();
  const audio = new Map<string, Int16Array>();
  try {
    for (const t of req.turns) if (!audio.has(t.text)) audio.set(t.text, await synthesizeCallerSpeech(tts, t.text, req.voiceId));
  } finally {
    await tts.close();
  }
  // A script long enough to outlast the run; it stops at the deadline.
  const perCycle: PreparedStep[] = req.turns.map((t) => ({ step: { kind: "say", text: t.text, ...(t.bargeInAfterMs !== undefined && { bargeInAfterMs: t.bargeInAfterMs }) }, pcm: audio.get(t.text)! }));
  const steps = Array.from({ length: Math.ceil(req.seconds / 2) + 1 }, () => perCycle).flat();

  const ticker = new Ticker();
  const clients = req.calls.map((c) => new TwilioStreamClient({ url: c.streamUrl, callSid: c.callSid, accountSid: c.accountSid, customParameters: c.parameters, record: false, lineNoiseDbfs: req.lineNoiseDbfs }));
  const connected: TwilioStreamClient[] = [];
  await Promise.all(
    clients.map(async (client, i) => {
      await new Promise((r) => setTimeout(r, (req.rampMs * i) / clients.length));
      try {
        await client.connect();
        ticker.add(client);
        connected.push(client);
      } catch {
        // Counted: placed but not connected.
      }
    }),
  );
  void send({ type: "ready", connected: connected.length });
  const t0 = performance.now();
  const cpuAtStart = process.cpuUsage();
  const deadline = t0 + req.seconds * 1000;
  const results = await Promise.all(
    connected.map(async (client, i) => {
      await new Promise((r) => setTimeout(r, (req.staggerMs * i) / connected.length));
      return runScript(client, steps, t0, { gapMs: req.gapMs, replyTimeoutMs: REPLY_WINDOW_MS, graceMs: req.gapMs, now: () => performance.now(), deadline });
    }),
  );
  const windowMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpuAtStart);
  const held = connected.filter((c) => c.isOpen).length;
  for (const c of connected) c.stop();
  await Promise.race([Promise.all(connected.map((c) => c.closed)), new Promise((r) => setTimeout(r, 3000))]);
  ticker.stop();

  const jitter = new Histogram(0.1, 200);
  const replyLatency = new Histogram(1, 20_000);
  const bargeInToClear = new Histogram(1, 20_000);
  let repliesMissing = 0;
  let bargeIns = 0;
  let bargeInsWithoutClear = 0;
  let bargeInsTooLate = 0;
  const closes = new Map<string, { code: number; reason: string; count: number }>();
  for (const c of connected) {
    jitter.merge(c.playout.jitter.toJSON());
    const closed = c.closeInfo;
    if (closed && closed.at < t0 + windowMs) {
      const key = `${closed.code} ${closed.reason}`;
      const entry = closes.get(key) ?? { code: closed.code, reason: closed.reason, count: 0 };
      entry.count++;
      closes.set(key, entry);
    }
  }
  for (const r of results) {
    for (const t of r.turns) {
      if (t.replyLatencyMs !== null) replyLatency.add(t.replyLatencyMs);
      // A turn that ended just before the hang-up had no fair chance to be answered.
      else if (t.endedAtMs < windowMs - REPLY_WINDOW_MS) repliesMissing++;
      if (t.bargeIn) {
        bargeIns++;
        if (t.bargeIn.onsetToClearMs === null) {
          if (t.bargeIn.agentFinishedFirst) bargeInsTooLate++;
          else bargeInsWithoutClear++;
        }
        else bargeInToClear.add(t.bargeIn.onsetToClearMs);
      }
    }
  }
  const sum = (f: (c: TwilioStreamClient) => number) => connected.reduce((n, c) => n + f(c), 0);
  await send({
    type: "report",
    callsPlaced: req.calls.length,
    callsConnected: connected.length,
    callsHeld: held,
    closedByServer: [...closes.values()],
    framesSent: sum((c) => c.framesSent),
    framesReceived: sum((c) => c.playout.framesReceived),
    framesLate: sum((c) => c.playout.framesLate),
    badFrames: sum((c) => c.playout.badFrames),
    protocolErrors: sum((c) => c.events.filter((e) => e.type === "protocol_error").length),
    jitter: jitter.toJSON(),
    replyLatency: replyLatency.toJSON(),
    repliesMissing,
    bargeIns,
    bargeInsWithoutClear,
    bargeInsTooLate,
    bargeInToClear: bargeInToClear.toJSON(),
    windowMs,
    cpuMs: (cpu.user + cpu.system) / 1000,
  });
}

if (!process.send) {
  console.error("voice-callers.ts is started by `npm run bench:voice`, not on its own");
  process.exit(2);
}
// The benchmark went away (killed, crashed): no one to report to.
process.on("disconnect", () => process.exit(1));
process.once("message", (m: CallersRequest) => {
  run(m).then(
    () => process.exit(0),
    (err: unknown) => {
      void send({ type: "error", message: err instanceof Error ? (err.stack ?? err.message) : String(err) });
      process.exit(1);
    },
  );
});
