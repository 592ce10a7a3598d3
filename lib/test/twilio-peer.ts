// A scripted Twilio for tests (the simulator and benchmark use their own client, server/sim/stream-client.ts,
// which is product code and may not import lib/test): opens a Media Streams socket to the
// voice server and behaves as Twilio does on a <Connect><Stream> call: `connected` then `start` (with
// custom parameters), caller audio as 20 ms μ-law frames, dtmf, `stop`; it plays the agent's frames on
// its own clock, echoes each mark once the audio queued before it would have been heard, and on
// `clear` drops unplayed audio and echoes every pending mark at once. Everything received is kept.
//
//   const peer = await TwilioPeer.connect({ url, customParameters: { callId, callToken } });
//   await peer.streamAudio(callerMulaw, { realtime: true });
//   await peer.waitFor(() => peer.echoedMarks.includes("seg-1"));
//   peer.stop();
import { newTwilioSid } from "../providers/twilio/call-sid";
import { WebSocket } from "ws";
import { MULAW_SILENCE } from "../audio/mulaw";

const FRAME_BYTES = 160;
const FRAME_MS = 20;

export interface TwilioPeerOptions {
  /** ws://host:port/twilio/media-stream */
  url: string;
  callSid?: string;
  streamSid?: string;
  accountSid?: string;
  /** The <Parameter>s of the TwiML <Stream> (callId, callToken, ...). */
  customParameters?: Record<string, string>;
  /**
   * "realtime" (default): a frame plays 20 ms after the one before it, and a mark is echoed when the
   * audio before it has played. "instant": audio plays as it arrives and marks echo at once.
   */
  playout?: "realtime" | "instant";
  /** Send `connected` and `start` as soon as the socket opens (default true). */
  autoStart?: boolean;
  /** Monotonic ms for the playout clock. Default performance.now. */
  now?: () => number;
}

/** What the server sent, in arrival order. `frame` indexes `TwilioPeer.frames`. */
export type PeerEvent = { type: "media"; frame: number } | { type: "mark"; name: string } | { type: "clear" };



export class TwilioPeer {
  readonly callSid: string;
  readonly streamSid: string;
  readonly accountSid: string;
  /** Every agent frame received (160 μ-law bytes each), cleared ones included. */
  readonly frames: Uint8Array[] = [];
  readonly events: PeerEvent[] = [];
  /** Marks echoed back to the server, in order. */
  readonly echoedMarks: string[] = [];
  /** Frames dropped unplayed by a `clear`. */
  clearedFrames = 0;
  /** Messages the server sent that were not valid Media Streams output (a conformance failure). */
  readonly protocolErrors: string[] = [];
  /** Resolves when the socket closes, with the server's code and reason. */
  readonly closed: Promise<{ code: number; reason: string }>;

  private seq = 0;
  private chunk = 0;
  private readonly startedAt: number;
  private readonly now: () => number;
  private playEnd = 0;
  /** End times of frames received but not yet played. */
  private unplayed: number[] = [];
  private played = 0;
  private pendingMarks: { name: string; timer: NodeJS.Timeout | undefined }[] = [];
  private isClosed = false;

  private constructor(
    private readonly ws: WebSocket,
    private readonly opts: TwilioPeerOptions,
  ) {
    this.callSid = opts.callSid ?? newTwilioSid("CA");
    this.streamSid = opts.streamSid ?? newTwilioSid("MZ");
    this.accountSid = opts.accountSid ?? newTwilioSid("AC");
    this.now = opts.now ?? (() => performance.now());
    this.startedAt = this.now();
    this.closed = new Promise((resolve) =>
      ws.on("close", (code, reason) => {
        this.isClosed = true;
        for (const m of this.pendingMarks) clearTimeout(m.timer);
        this.pendingMarks = [];
        resolve({ code, reason: reason.toString() });
      }),
    );
    ws.on("message", (data, isBinary) => this.onMessage(data.toString(), isBinary));
    ws.on("error", () => {}); // the close event carries the outcome
  }

  /** Opens the socket and (unless autoStart is false) sends `connected` and `start`. */
  static async connect(opts: TwilioPeerOptions): Promise<TwilioPeer> {
    const ws = new WebSocket(opts.url);
    const peer = new TwilioPeer(ws, opts);
    await new Promise<void>((resolve, reject) => {
      ws.once("open", () => resolve());
      ws.once("error", reject);
    });
    if (opts.autoStart !== false) {
      peer.sendConnected();
      peer.sendStart();
    }
    return peer;
  }

  get isOpen(): boolean {
    return !this.isClosed && this.ws.readyState === WebSocket.OPEN;
  }

  sendConnected(): void {
    this.send({ event: "connected", protocol: "Call", version: "1.0.0" });
  }

  sendStart(customParameters = this.opts.customParameters ?? {}): void {
    this.send({
      event: "start",
      sequenceNumber: this.nextSeq(),
      start: {
        accountSid: this.accountSid,
        streamSid: this.streamSid,
        callSid: this.callSid,
        tracks: ["inbound"],
        mediaFormat: { encoding: "audio/x-mulaw", sampleRate: 8000, channels: 1 },
        customParameters,
      },
      streamSid: this.streamSid,
    });
  }

  /** One caller frame (160 μ-law bytes). */
  sendMedia(frame: Uint8Array): void {
    this.chunk++;
    this.send({
      event: "media",
      sequenceNumber: this.nextSeq(),
      media: { track: "inbound", chunk: String(this.chunk), timestamp: String(Math.round(this.now() - this.startedAt)), payload: Buffer.from(frame).toString("base64") },
      streamSid: this.streamSid,
    });
  }

  /**
   * Caller audio (μ-law, any length) as 20 ms frames, the last one padded with silence. Realtime
   * sends one frame per 20 ms, as a phone line does; otherwise all at once.
   */
  async streamAudio(mulaw: Uint8Array, { realtime = true }: { realtime?: boolean } = {}): Promise<void> {
    const t0 = this.now();
    for (let i = 0, k = 0; i < mulaw.length && this.isOpen; i += FRAME_BYTES, k++) {
      const frame = new Uint8Array(FRAME_BYTES).fill(MULAW_SILENCE);
      frame.set(mulaw.subarray(i, i + FRAME_BYTES));
      if (realtime) {
        const wait = t0 + k * FRAME_MS - this.now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      }
      this.sendMedia(frame);
    }
  }

  sendDtmf(digit: string): void {
    this.send({ event: "dtmf", streamSid: this.streamSid, sequenceNumber: this.nextSeq(), dtmf: { track: "inbound_track", digit } });
  }

  /** The caller hung up: Twilio sends `stop` and closes. */
  stop(): void {
    this.send({ event: "stop", sequenceNumber: this.nextSeq(), streamSid: this.streamSid, stop: { accountSid: this.accountSid, callSid: this.callSid } });
    this.ws.close(1000);
  }

  /** Anything at all (fuzzing). */
  sendRaw(data: string | Buffer, binary = false): void {
    if (this.isOpen) this.ws.send(data, { binary });
  }

  close(): void {
    this.ws.close(1000);
  }

  /** Frames that have finished playing by now (cleared ones never do). */
  playedFrames(): number {
    this.advancePlayout();
    return this.played;
  }

  /** Resolves once `cond()` holds (checked every 5 ms); rejects after `timeoutMs`. */
  async waitFor(cond: () => boolean, timeoutMs = 5000, what = "condition"): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!cond()) {
      if (Date.now() > deadline) throw new Error(`TwilioPeer.waitFor: timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 5));
    }
  }

  private send(msg: unknown): void {
    if (this.isOpen) this.ws.send(JSON.stringify(msg));
  }

  private nextSeq(): string {
    return String(++this.seq);
  }

  private advancePlayout(): void {
    const t = this.now();
    while (this.unplayed.length > 0 && this.unplayed[0]! <= t) {
      this.unplayed.shift();
      this.played++;
    }
  }

  private onMessage(text: string, isBinary: boolean): void {
    let msg: { event?: unknown; streamSid?: unknown; media?: { payload?: unknown }; mark?: { name?: unknown } };
    try {
      msg = JSON.parse(text) as typeof msg;
    } catch {
      this.protocolErrors.push(`not JSON: ${text.slice(0, 60)}`);
      return;
    }
    if (isBinary) this.protocolErrors.push("binary frame");
    if (msg.streamSid !== this.streamSid) this.protocolErrors.push(`wrong streamSid on ${String(msg.event)}`);
    switch (msg.event) {
      case "media": {
        const payload = msg.media?.payload;
        const bytes = typeof payload === "string" ? Buffer.from(payload, "base64") : Buffer.alloc(0);
        if (bytes.length !== FRAME_BYTES) this.protocolErrors.push(`media frame of ${bytes.length} bytes`);
        this.frames.push(new Uint8Array(bytes));
        this.events.push({ type: "media", frame: this.frames.length - 1 });
        this.onFrame();
        return;
      }
      case "mark": {
        const name = msg.mark?.name;
        if (typeof name !== "string") return void this.protocolErrors.push("mark without a name");
        this.events.push({ type: "mark", name });
        this.onMark(name);
        return;
      }
      case "clear":
        this.events.push({ type: "clear" });
        this.onClear();
        return;
      default:
        this.protocolErrors.push(`unexpected event ${String(msg.event)}`);
    }
  }

  private onFrame(): void {
    const t = this.now();
    if (this.opts.playout === "instant") {
      this.played++;
      return;
    }
    this.playEnd = Math.max(this.playEnd, t) + FRAME_MS;
    this.unplayed.push(this.playEnd);
  }

  private onMark(name: string): void {
    const wait = this.opts.playout === "instant" ? 0 : this.playEnd - this.now();
    if (wait <= 0 && this.pendingMarks.length === 0) return this.echo(name);
    // Marks echo in order, each when the audio before it has played.
    const entry: { name: string; timer: NodeJS.Timeout | undefined } = { name, timer: undefined };
    // Whole milliseconds, one late: Node's timers run on the loop's cached millisecond clock and may fire
    // up to 1 ms before a fractional deadline, which made a mark "heard" before its last frame had played.
    entry.timer = setTimeout(() => this.flushMarksUpTo(entry), Math.max(0, Math.ceil(wait) + 1));
    this.pendingMarks.push(entry);
  }

  private flushMarksUpTo(entry: { name: string }): void {
    while (this.pendingMarks.length > 0) {
      const m = this.pendingMarks.shift()!;
      clearTimeout(m.timer);
      this.echo(m.name);
      if (m === entry) return;
    }
  }

  private onClear(): void {
    this.advancePlayout();
    this.clearedFrames += this.unplayed.length;
    this.unplayed = [];
    this.playEnd = this.now();
    // Twilio answers every mark still pending when the buffer is cleared.
    for (const m of this.pendingMarks.splice(0)) {
      clearTimeout(m.timer);
      this.echo(m.name);
    }
  }

  private echo(name: string): void {
    this.echoedMarks.push(name);
    this.send({ event: "mark", sequenceNumber: this.nextSeq(), streamSid: this.streamSid, mark: { name } });
  }
}
