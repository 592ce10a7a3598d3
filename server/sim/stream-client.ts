// The Twilio end of a bidirectional media stream, for the simulator and the benchmark: connects,
// sends `connected` and `start` (the stream and call SIDs, the TwiML's <Parameter>s as
// customParameters), then a 20 ms μ-law frame per tick in real time (CallerLine), `dtmf` when asked,
// and `stop` at the end. The agent's `media` goes into the playout model (AgentPlayout), its marks are
// echoed only when their audio would have played, and `clear` drops what had not played yet.
import { newTwilioSid } from "../../lib/providers/twilio/call-sid";
import WebSocket from "ws";
import { FRAME_MS } from "../../lib/providers/speech/types";
import { CallerLine, SILENT_FRAME } from "./caller-line";
import { SimError } from "./errors";
import { AgentPlayout } from "./playout";
import type { Tickable } from "./ticker";

const SILENT_PAYLOAD = Buffer.from(SILENT_FRAME).toString("base64");



export interface StreamClientOptions {
  url: string;
  callSid: string;
  accountSid: string;
  customParameters: Record<string, string>;
  streamSid?: string;
  /** Monotonic ms. Default performance.now. */
  now?: () => number;
  /** Keep both sides' audio for the stereo recording (the benchmark turns it off). Default true. */
  record?: boolean;
  /** Background noise on the caller's line at this level (dBFS RMS); default none (digital silence between words). */
  lineNoiseDbfs?: number;
}

export interface StreamEvent {
  at: number;
  type: "connected" | "agent_audio" | "mark" | "mark_echo" | "clear" | "dtmf" | "stop" | "closed" | "protocol_error";
  detail?: string;
}

type Waiter = { pred: (now: number) => boolean; deadline: number; resolve: (ok: boolean) => void };

export class TwilioStreamClient implements Tickable {
  readonly streamSid: string;
  readonly playout: AgentPlayout;
  readonly line: CallerLine;
  readonly events: StreamEvent[] = [];
  /** Times `clear` arrived. */
  readonly clears: number[] = [];
  readonly closed: Promise<{ code: number; reason: string }>;
  /** How and when the socket closed (undefined while open). */
  closeInfo: { code: number; reason: string; at: number } | undefined;
  marksEchoed = 0;
  framesSent = 0;
  private ws: WebSocket | undefined;
  private seq = 0;
  private startedAt = NaN;
  private waiters: Waiter[] = [];
  private isClosed = false;
  private markClosed!: (v: { code: number; reason: string }) => void;
  private readonly now: () => number;
  private readonly keepEvents: boolean;

  constructor(private readonly opts: StreamClientOptions) {
    this.streamSid = opts.streamSid ?? newTwilioSid("MZ");
    this.now = opts.now ?? (() => performance.now());
    this.playout = new AgentPlayout({ record: opts.record });
    this.line = new CallerLine({ record: opts.record, noiseDbfs: opts.lineNoiseDbfs });
    this.keepEvents = opts.record !== false;
    this.closed = new Promise((r) => (this.markClosed = r));
  }

  get isOpen(): boolean {
    return !this.isClosed && this.ws?.readyState === WebSocket.OPEN;
  }

  /** Opens the socket and sends `connected` + `start`. Frames flow from the first tick after this. */
  async connect(): Promise<void> {
    const ws = new WebSocket(this.opts.url, { perMessageDeflate: false });
    this.ws = ws;
    ws.on("message", (data, isBinary) => this.onMessage(data.toString(), isBinary));
    ws.on("close", (code, reason) => this.onClosed(code, reason.toString()));
    await new Promise<void>((resolve, reject) => {
      ws.once("open", () => resolve());
      ws.once("error", (err) => reject(new SimError("STREAM_FAILED", `could not open the media stream ${this.opts.url}: ${err.message}`, { cause: err })));
      ws.once("unexpected-response", (_req, res) => {
        reject(new SimError("STREAM_FAILED", `the voice server refused the media stream ${this.opts.url}: HTTP ${res.statusCode}`));
        ws.terminate();
      });
    });
    ws.on("error", () => undefined); // reported through `close`
    this.send({ event: "connected", protocol: "Call", version: "1.0.0" });
    this.send({
      event: "start",
      sequenceNumber: String(++this.seq),
      start: {
        accountSid: this.opts.accountSid,
        streamSid: this.streamSid,
        callSid: this.opts.callSid,
        tracks: ["inbound"],
        mediaFormat: { encoding: "audio/x-mulaw", sampleRate: 8000, channels: 1 },
        customParameters: this.opts.customParameters,
      },
      streamSid: this.streamSid,
    });
    this.startedAt = this.now();
    this.log("connected");
  }

  /** Sends the caller frames owed by `now`, echoes marks whose audio has played, wakes waiters. */
  tick(now: number): void {
    if (this.isClosed || Number.isNaN(this.startedAt)) return this.wake(now);
    const owed = Math.floor((now - this.startedAt) / FRAME_MS) + 1 - this.framesSent;
    for (let i = 0; i < owed && this.isOpen; i++) {
      const frameAt = this.startedAt + this.framesSent * FRAME_MS;
      // Most frames are silence between turns: encoded once. Speech frames are views, not copies.
      const frame = this.line.nextFrame(frameAt);
      const payload = frame === SILENT_FRAME ? SILENT_PAYLOAD : Buffer.from(frame.buffer, frame.byteOffset, frame.byteLength).toString("base64");
      this.framesSent++;
      this.ws!.send(
        `{"event":"media","sequenceNumber":"${++this.seq}","media":{"track":"inbound","chunk":"${this.framesSent}","timestamp":"${(this.framesSent - 1) * FRAME_MS}","payload":"${payload}"},"streamSid":"${this.streamSid}"}`,
      );
    }
    for (const name of this.playout.due(now)) this.echoMark(name, now);
    this.wake(now);
  }

  dtmf(digit: string): void {
    this.send({ event: "dtmf", streamSid: this.streamSid, sequenceNumber: String(++this.seq), dtmf: { track: "inbound_track", digit } });
    this.log("dtmf", digit);
  }

  /** Twilio's end of the stream (the caller hung up), then the socket closes. */
  stop(): void {
    if (!this.isOpen) return;
    this.send({ event: "stop", sequenceNumber: String(++this.seq), streamSid: this.streamSid, stop: { accountSid: this.opts.accountSid, callSid: this.opts.callSid } });
    this.log("stop");
    this.ws!.close(1000, "stopped");
  }

  terminate(): void {
    this.ws?.terminate();
  }

  /** Resolves true once `pred(now)` holds at a tick, false at the deadline or when the stream closes. */
  until(pred: (now: number) => boolean, timeoutMs: number): Promise<boolean> {
    if (pred(this.now())) return Promise.resolve(true);
    if (this.isClosed) return Promise.resolve(false);
    return new Promise((resolve) => this.waiters.push({ pred, deadline: this.now() + timeoutMs, resolve }));
  }

  private wake(now: number): void {
    if (this.waiters.length === 0) return;
    this.waiters = this.waiters.filter((w) => {
      if (w.pred(now)) w.resolve(true);
      else if (this.isClosed || now >= w.deadline) w.resolve(false);
      else return true;
      return false;
    });
  }

  private onMessage(text: string, isBinary: boolean): void {
    const now = this.now();
    let msg: { event?: unknown; streamSid?: unknown; media?: { payload?: unknown }; mark?: { name?: unknown } };
    try {
      if (isBinary) throw new Error("binary frame");
      msg = JSON.parse(text) as typeof msg;
    } catch {
      return this.log("protocol_error", `not JSON: ${text.slice(0, 60)}`);
    }
    if (msg.streamSid !== this.streamSid) return this.log("protocol_error", `${String(msg.event)} for stream ${String(msg.streamSid)}`);
    switch (msg.event) {
      case "media": {
        if (typeof msg.media?.payload !== "string") return this.log("protocol_error", "media without payload");
        if (this.playout.receive(Buffer.from(msg.media.payload, "base64"), now)) this.log("agent_audio");
        return;
      }
      case "mark":
        if (typeof msg.mark?.name !== "string") return this.log("protocol_error", "mark without name");
        this.playout.mark(msg.mark.name, now);
        this.log("mark", msg.mark.name);
        // Nothing buffered: Twilio answers at once, not at the next tick.
        for (const name of this.playout.due(now)) this.echoMark(name, now);
        return;
      case "clear":
        this.clears.push(now);
        this.log("clear");
        for (const name of this.playout.clear(now)) this.echoMark(name, now);
        return;
      default:
        return this.log("protocol_error", `unknown event ${String(msg.event).slice(0, 40)}`);
    }
  }

  private echoMark(name: string, now: number): void {
    if (!this.isOpen) return;
    this.send({ event: "mark", sequenceNumber: String(++this.seq), streamSid: this.streamSid, mark: { name } });
    this.marksEchoed++;
    if (this.keepEvents) this.events.push({ at: now, type: "mark_echo", detail: name });
  }

  private onClosed(code: number, reason: string): void {
    if (this.isClosed) return;
    this.isClosed = true;
    this.closeInfo = { code, reason, at: this.now() };
    this.log("closed", `${code}${reason ? ` ${reason}` : ""}`);
    this.wake(this.now());
    this.markClosed({ code, reason });
  }

  private send(msg: object): void {
    if (this.isOpen) this.ws!.send(JSON.stringify(msg));
  }

  private log(type: StreamEvent["type"], detail?: string): void {
    // The benchmark keeps only counters: hundreds of calls' event logs are not worth the memory.
    if (this.keepEvents || type === "protocol_error" || type === "closed") this.events.push({ at: this.now(), type, ...(detail !== undefined && { detail }) });
  }
}
