// One browser test call (/browser/call; wire format in protocol.ts): the microphone's PCM is
// resampled to telephone PCM and cut into 20 ms frames for the engine; the agent's audio is paced on
// the shared tick exactly as for Twilio (PacedOutput) and resampled up to the browser's rate, so a
// mark the browser echoes means the user heard that segment, and barge-in clears the browser's player.
import type { RawData, WebSocket } from "ws";
import { decodeMulaw } from "../../../lib/audio/mulaw";
import { createResampler, type Resampler } from "../../../lib/audio/resample";
import type { CallSession, CallSink } from "../../../lib/conversation/types";
import { FRAME_SAMPLES, SAMPLE_RATE } from "../../../lib/providers/speech/types";
import type { BrowserCallInput, CallListener } from "../call-runtime";
import { CallTransport, CLOSE_NORMAL, type CallTransportOptions } from "../call-transport";
import { decodeAudio, encodeAudio, message, parseCallControl, transcriptMessage, type BrowserCloseReason } from "./protocol";
import type { BrowserCaller } from "./socket-auth";

export type OpenBrowserCall = (input: BrowserCallInput, sink: CallSink, listener: CallListener) => Promise<CallSession>;

export interface BrowserCallDeps extends CallTransportOptions {
  openCall: OpenBrowserCall;
}

export class BrowserCallStream extends CallTransport<BrowserCloseReason> {
  private micIn: Resampler | null = null;
  private speakerOut: Resampler | null = null;
  private readonly frame = new Int16Array(FRAME_SAMPLES);
  private framed = 0;

  constructor(
    ws: WebSocket,
    private readonly caller: BrowserCaller,
    private readonly deps: BrowserCallDeps,
  ) {
    super(ws, { ...deps, logger: deps.logger.child({ callId: caller.callId, transport: "browser" }) });
  }

  protected onMessage(data: RawData, isBinary: boolean): void {
    if (this.state === "closed") return;
    if (isBinary) {
      if (this.state === "awaiting_start") return this.fail("audio_before_start", "binary before start");
      const audio = decodeAudio(data);
      if (!audio.ok) return this.fail(audio.reason, audio.detail);
      // Audio while the call is being opened is dropped: the agent speaks first.
      if (this.state === "live") this.hear(audio.msg);
      return;
    }
    const parsed = parseCallControl(data);
    if (!parsed.ok) return this.fail(parsed.reason, parsed.detail);
    const msg = parsed.msg;
    if (msg.type === "stop") return this.closeSocket(CLOSE_NORMAL, "stopped", false);
    if (msg.type === "mark") return this.onMarkEcho(msg.id);
    if (this.state !== "awaiting_start") return this.fail("second_start", "start after start");
    this.onStart(msg.sampleRate);
  }

  private onStart(rate: number): void {
    this.opening();
    if (rate !== SAMPLE_RATE) {
      this.micIn = createResampler(rate, SAMPLE_RATE);
      this.speakerOut = createResampler(SAMPLE_RATE, rate);
    }
    const listener: CallListener = {
      turn: (t) => this.send(transcriptMessage(t)),
      event: (event, payload) => this.send(message("event", { event, payload })),
      ended: (reason) => this.send(message("ended", { reason })),
    };
    const input = { callId: this.caller.callId, browser: { tenantId: this.caller.tenantId, agentId: this.caller.agentId } };
    this.attach(this.deps.openCall(input, this, listener));
  }

  /** Caller audio at the browser's rate → whole 20 ms telephone frames for the engine. */
  private hear(samples: Int16Array): void {
    const pcm = this.micIn ? this.micIn.push(samples) : samples;
    for (let i = 0; i < pcm.length; ) {
      const n = Math.min(FRAME_SAMPLES - this.framed, pcm.length - i);
      this.frame.set(pcm.subarray(i, i + n), this.framed);
      this.framed += n;
      i += n;
      if (this.framed === FRAME_SAMPLES) {
        this.framed = 0;
        this.session!.audio(this.frame.slice()); // a fresh array: the session may keep frames
      }
    }
  }

  private send(data: string | Buffer | null): void {
    if (data !== null && this.state !== "closed") this.ws.send(data);
  }

  // ---- the wire ---------------------------------------------------------------------------------

  protected sendFrame(bytes: Uint8Array, offset: number): void {
    const pcm = decodeMulaw(bytes.subarray(offset, offset + FRAME_SAMPLES));
    this.send(encodeAudio(this.speakerOut ? this.speakerOut.push(pcm) : pcm));
  }

  protected sendMark(id: string): void {
    this.send(message("mark", { id }));
  }

  protected sendClear(): void {
    this.speakerOut?.flush(); // the held-back tail belongs to the audio just cut
    this.send(message("clear"));
  }

  segmentText(segmentId: string, text: string): void {
    this.send(message("segment", { id: segmentId, text }));
  }

  transfer(to: string): void {
    // No phone line to hand over; the engine's "transfer" event already told the browser.
    this.log.info({ to }, "transfer requested on a test call");
  }
}
