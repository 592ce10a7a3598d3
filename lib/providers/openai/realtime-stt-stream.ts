// One call's OpenAI streaming transcription. Caller audio is appended to the realtime socket in ~500 ms
// batches while the caller speaks; our endpointing decides when the utterance ends and finalize()
// commits it and waits (bounded) for its transcript. Nothing the caller said is lost to a fault: the
// utterance's audio is kept until its transcript is in, replayed on a new socket after a drop, and
// sent to the per-utterance HTTP fallback when the socket cannot come back or the transcript is late.
import type { ProviderFault, SttResult, SttStream } from "../speech/types";
import { openRealtimeSocket, type RealtimeServerEvent, type RealtimeSocket, type TranscriptionSessionConfig } from "./realtime-socket";
import type { UtteranceTranscriber } from "./utterance-stt";
import { UtteranceAudio } from "./utterance-audio";

/**
 * 500 ms of μ-law: one append message per 25 frames. With our own turn detection the server transcribes
 * only on commit, and finalize() sends what is unsent with the commit, so a bigger batch delays no
 * transcript; it cuts the messages (JSON, base64, a socket write on each side) five-fold against 100 ms
 * batches, which were ~5% of the voice server's main thread at 200 calls.
 */
const APPEND_BYTES = 4000;
/** Replay in 4 s messages (well under the API's per-event size limit). */
const REPLAY_CHUNK_BYTES = 32_000;
const RECONNECT_ATTEMPTS = 2;
/** A socket that keeps dropping is worse than none: past this many drops the call goes per utterance. */
const MAX_DROPS = 5;

export interface RealtimeSttOptions {
  baseURL: string;
  apiKey: string;
  session: TranscriptionSessionConfig;
  connectTimeoutMs: number;
  /** finalize() → transcript; past it the utterance goes to the HTTP fallback. */
  finalizeTimeoutMs: number;
  fallback: UtteranceTranscriber;
  onFault?(fault: ProviderFault): void;
}

/** A finalized utterance whose transcript is not in yet. */
interface Pending {
  audio: Uint8Array;
  audioSec: number;
  text: string;
  done: boolean;
  viaHttp: boolean;
  timer: NodeJS.Timeout | null;
  /** performance.now() when the utterance went to OpenAI (commit, replay or upload): SttResult.providerMs. */
  sentAt: number;
  resolve(result: SttResult): void;
  reject(error: unknown): void;
}

export class RealtimeSttStream implements SttStream {
  private socket: RealtimeSocket | null = null;
  private mode: "socket" | "reconnecting" | "fallback" = "reconnecting";
  private readonly audio = new UtteranceAudio();
  private readonly inFlight: Pending[] = [];
  /** Commits sent on the current socket, in order, waiting for their item id. */
  private awaitingAck: Pending[] = [];
  private readonly items = new Map<string, Pending>();
  private closed = false;
  private drops = 0;

  private constructor(private readonly opts: RealtimeSttOptions) {}

  /** Opens the socket now; if it cannot be opened the stream transcribes per utterance instead. */
  static async open(opts: RealtimeSttOptions): Promise<RealtimeSttStream> {
    const stream = new RealtimeSttStream(opts);
    try {
      stream.attach(await stream.connect());
    } catch (err) {
      stream.toFallback(err);
    }
    return stream;
  }

  write(frame: Int16Array): void {
    if (this.closed) return;
    this.audio.write(frame);
    if (this.mode === "socket" && this.audio.unsentBytes >= APPEND_BYTES) this.socket!.append(this.audio.takeUnsent());
  }

  partial(): string {
    // With our own turn detection the server transcribes on commit: text exists only for a finalized utterance.
    return this.audio.length === 0 ? (this.inFlight.at(-1)?.text ?? "") : "";
  }

  finalize(): Promise<SttResult> {
    if (this.closed || this.audio.length === 0) {
      this.audio.clear();
      return Promise.resolve({ text: "", understood: false, audioSec: 0 });
    }
    const audioSec = this.audio.seconds;
    const alreadySent = this.audio.length - this.audio.unsentBytes;
    const audio = this.audio.snapshot();
    this.audio.clear();
    return new Promise<SttResult>((resolve, reject) => {
      const p: Pending = { audio, audioSec, text: "", done: false, viaHttp: false, timer: null, sentAt: performance.now(), resolve, reject };
      this.inFlight.push(p);
      if (this.mode === "fallback") return this.transcribeByHttp(p);
      p.timer = setTimeout(() => this.timedOut(p), this.opts.finalizeTimeoutMs);
      // Reconnecting: the utterance is replayed and committed when the socket is back.
      if (this.mode === "socket") this.commit(p, audio.subarray(alreadySent));
    });
  }

  reset(): void {
    if (this.mode === "socket" && this.audio.length > this.audio.unsentBytes) this.socket!.clear();
    this.audio.clear();
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.socket?.close();
    this.socket = null;
    this.audio.clear();
    for (const p of [...this.inFlight]) this.settle(p, "");
  }

  // ── socket ──────────────────────────────────────────────────────────────────────────────────

  private connect(): Promise<RealtimeSocket> {
    const { baseURL, apiKey, session, connectTimeoutMs } = this.opts;
    let socket: RealtimeSocket | null = null;
    const opening = openRealtimeSocket({
      baseURL,
      apiKey,
      session,
      connectTimeoutMs,
      onEvent: (event) => {
        if (socket && socket === this.socket) this.onEvent(event);
      },
      onDrop: (reason) => {
        if (socket && socket === this.socket) this.onDrop(reason);
      },
    });
    return opening.then((s) => (socket = s));
  }

  private attach(socket: RealtimeSocket): void {
    if (this.closed) return socket.close();
    this.socket = socket;
    this.mode = "socket";
    this.awaitingAck = [];
    this.items.clear();
    // Whatever was finalized or said while there was no socket goes to the new one, in order.
    for (const p of this.inFlight) if (!p.done && !p.viaHttp) this.commit(p, p.audio);
    this.audio.markAllUnsent();
    for (let rest = this.audio.takeUnsent(); rest.length > 0; rest = rest.subarray(REPLAY_CHUNK_BYTES)) {
      socket.append(rest.subarray(0, REPLAY_CHUNK_BYTES));
    }
  }

  private commit(p: Pending, bytes: Uint8Array): void {
    const socket = this.socket!;
    for (let i = 0; i < bytes.length; i += REPLAY_CHUNK_BYTES) socket.append(bytes.subarray(i, i + REPLAY_CHUNK_BYTES));
    socket.commit();
    this.awaitingAck.push(p);
  }

  private onEvent(event: RealtimeServerEvent): void {
    switch (event.type) {
      case "input_audio_buffer.committed": {
        const p = this.awaitingAck.shift();
        if (p) this.items.set(event.item_id, p);
        return;
      }
      case "conversation.item.input_audio_transcription.delta": {
        const p = this.items.get(event.item_id);
        if (p && !p.done) p.text += event.delta;
        return;
      }
      case "conversation.item.input_audio_transcription.completed": {
        const p = this.items.get(event.item_id);
        this.items.delete(event.item_id);
        if (p) this.settle(p, event.transcript ?? p.text);
        return;
      }
      case "conversation.item.input_audio_transcription.failed": {
        const p = this.items.get(event.item_id);
        this.items.delete(event.item_id);
        if (p && !p.done && !p.viaHttp) {
          this.fault(event.error?.message ?? "transcription failed", "fallback_utterance");
          this.transcribeByHttp(p);
        }
        return;
      }
      case "error":
        // An empty commit never has an item: its utterance had nothing to transcribe.
        if (event.error?.code === "input_audio_buffer_commit_empty") {
          const p = this.awaitingAck.shift();
          if (p) this.settle(p, "");
        }
        return;
      default:
        return;
    }
  }

  private onDrop(reason: string): void {
    if (this.closed) return;
    this.socket = null;
    this.mode = "reconnecting";
    if (++this.drops > MAX_DROPS) return this.toFallback(new Error(`${reason}, ${MAX_DROPS} times this call`));
    this.fault(reason, "reconnect");
    void this.reconnect();
  }

  private async reconnect(): Promise<void> {
    let lastError: unknown;
    for (let attempt = 0; attempt < RECONNECT_ATTEMPTS && !this.closed; attempt++) {
      try {
        return this.attach(await this.connect());
      } catch (err) {
        lastError = err;
      }
    }
    if (!this.closed) this.toFallback(lastError);
  }

  // ── outcomes ────────────────────────────────────────────────────────────────────────────────

  private toFallback(error: unknown): void {
    this.mode = "fallback";
    this.socket = null;
    this.fault(`realtime socket unavailable: ${message(error)}`, "fallback_utterance");
    for (const p of [...this.inFlight]) if (!p.done && !p.viaHttp) this.transcribeByHttp(p);
  }

  private timedOut(p: Pending): void {
    if (p.done || p.viaHttp) return;
    this.fault(`no transcript within ${this.opts.finalizeTimeoutMs} ms`, "fallback_utterance");
    this.transcribeByHttp(p);
  }

  /** The socket's transcript may still arrive first: whichever answer comes first is used. */
  private transcribeByHttp(p: Pending): void {
    p.viaHttp = true;
    if (p.timer) clearTimeout(p.timer);
    this.opts.fallback.transcribe(p.audio, this.opts.session).then(
      (text) => this.settle(p, text),
      (err: unknown) => {
        if (p.done) return;
        this.remove(p);
        p.reject(err);
      },
    );
  }

  private settle(p: Pending, text: string): void {
    if (p.done) return;
    this.remove(p);
    const trimmed = text.trim();
    p.resolve({ text: trimmed, understood: trimmed !== "", audioSec: p.audioSec, providerMs: performance.now() - p.sentAt });
  }

  private remove(p: Pending): void {
    p.done = true;
    if (p.timer) clearTimeout(p.timer);
    const i = this.inFlight.indexOf(p);
    if (i >= 0) this.inFlight.splice(i, 1);
  }

  private fault(error: string, action: "reconnect" | "fallback_utterance"): void {
    try {
      this.opts.onFault?.({ provider: "openai", capability: "stt", error, action });
    } catch {
      // A recording failure must not take the recogniser down.
    }
  }
}

const message = (err: unknown) => (err instanceof Error ? err.message : String(err));
