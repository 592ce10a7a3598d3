// One multi-context WebSocket to ElevenLabs for one voice and model, shared by the sentences of every
// call speaking that voice (up to MAX_CONTEXTS_PER_SOCKET at once): the connection is made once and
// each sentence only costs its own request, which is what keeps time-to-first-audio low. A socket that
// fails takes its open sentences with it (each falls back on its own); a socket idle for a while is
// closed by us before the server's inactivity timeout does it.
import WebSocket from "ws";
import { decodeMulaw } from "../../audio/mulaw";
import { ElevenLabsFault, kindOfServerError, kindOfStatus, upgradeStatus } from "./fault";
import { alignedChars, type ClientMessage, multiStreamUrl, parseServerMessage, type ServerMessage, type VoiceSettings } from "./wire";

const IDLE_CLOSE_MS = 120_000;

/** One sentence on a socket: its audio as telephone PCM, queued until the reader takes it. */
export class SentenceContext {
  readonly chunks: { pcm: Int16Array; chars: number }[] = [];
  final = false;
  error?: Error;
  /** performance.now() when the first audio message arrived, before decoding (-1: none yet). */
  firstAudioAt = -1;
  private wake?: () => void;

  constructor(readonly id: string) {}

  push(msg: ServerMessage): void {
    if (msg.audio && this.firstAudioAt < 0) this.firstAudioAt = performance.now();
    if (msg.audio) this.chunks.push({ pcm: decodeMulaw(Buffer.from(msg.audio, "base64")), chars: alignedChars(msg) });
    if (msg.isFinal) this.final = true;
    this.signal();
  }

  fail(error: Error): void {
    if (this.final || this.error) return;
    this.error = error;
    this.signal();
  }

  /** Resolves when something arrives, or after `timeoutMs` (then `false`). */
  waitFor(timeoutMs: number): Promise<boolean> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), timeoutMs);
      this.wake = () => {
        clearTimeout(timer);
        resolve(true);
      };
    });
  }

  signal(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }
}

export interface SocketOptions {
  baseUrl: string;
  apiKey: string;
  voiceId: string;
  modelId: string;
  connectTimeoutMs: number;
  voiceSettings?: VoiceSettings;
  onClosed(socket: ElevenLabsSocket): void;
}

export class ElevenLabsSocket {
  readonly ready: Promise<void>;
  private readonly ws: WebSocket;
  private readonly contexts = new Map<string, SentenceContext>();
  private idleTimer?: NodeJS.Timeout;
  private closedWith?: Error;

  constructor(private readonly opts: SocketOptions) {
    this.ws = new WebSocket(multiStreamUrl(opts.baseUrl, opts.voiceId, opts.modelId), { headers: { "xi-api-key": opts.apiKey } });
    this.ready = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        reject(new Error(`ElevenLabs did not accept the connection within ${opts.connectTimeoutMs} ms`));
        this.ws.terminate();
      }, opts.connectTimeoutMs);
      this.ws.once("open", () => {
        clearTimeout(timer);
        resolve();
      });
      // ws reports a refused upgrade as "Unexpected server response: 429": the status says whose fault it is.
      this.ws.once("error", (err) => {
        clearTimeout(timer);
        const status = upgradeStatus(err.message);
        reject(new ElevenLabsFault(`ElevenLabs connection failed: ${err.message}`, status === undefined ? "unavailable" : kindOfStatus(status)));
      });
    });
    this.ready.catch(() => undefined);
    this.ws.on("error", () => undefined); // "close" follows and fails the open sentences
    this.ws.on("message", (data) => this.onMessage(data));
    this.ws.on("close", (code, reason) => this.onClose(code, reason.toString()));
  }

  get open(): boolean {
    return !this.closedWith && this.ws.readyState !== WebSocket.CLOSING && this.ws.readyState !== WebSocket.CLOSED;
  }

  get load(): number {
    return this.contexts.size;
  }

  /** Reserves the sentence's place at once (so concurrent sentences do not overfill a connecting socket). */
  attach(ctx: SentenceContext): void {
    clearTimeout(this.idleTimer);
    if (this.closedWith) ctx.fail(this.closedWith);
    else this.contexts.set(ctx.id, ctx);
  }

  /** Sends the sentence: context created, text flushed, context closed (the server finishes the flush, then says isFinal). */
  speak(ctx: SentenceContext, text: string): void {
    const init: ClientMessage = { text: " ", context_id: ctx.id, ...(this.opts.voiceSettings ? { voice_settings: this.opts.voiceSettings } : {}) };
    this.send(init);
    // The server expects every text chunk to end with a space.
    this.send({ text: `${text} `, context_id: ctx.id, flush: true });
    this.send({ context_id: ctx.id, close_context: true });
  }

  /** The reader is done with the sentence (finished, failed or aborted): later audio for it is dropped. */
  release(ctx: SentenceContext): void {
    if (!this.contexts.delete(ctx.id)) return;
    if (this.contexts.size === 0 && this.open) {
      this.idleTimer = setTimeout(() => this.close(), IDLE_CLOSE_MS);
      this.idleTimer.unref();
    }
  }

  close(): void {
    clearTimeout(this.idleTimer);
    if (this.ws.readyState === WebSocket.OPEN) this.send({ close_socket: true });
    this.ws.close();
    this.onClose(1000, "closed by us");
  }

  private send(msg: ClientMessage): void {
    if (this.ws.readyState === WebSocket.OPEN) this.ws.send(JSON.stringify(msg));
  }

  private onMessage(data: WebSocket.RawData): void {
    const msg = parseServerMessage(data);
    if (!msg) return;
    if (msg.error || (msg.message && !msg.audio && !msg.isFinal)) {
      const error = new ElevenLabsFault(`ElevenLabs error: ${msg.error ?? "error"}${msg.message ? `: ${msg.message}` : ""}`, kindOfServerError(msg));
      const ctx = msg.contextId ? this.contexts.get(msg.contextId) : undefined;
      if (ctx) ctx.fail(error);
      else for (const c of this.contexts.values()) c.fail(error);
      return;
    }
    const ctx = msg.contextId ? this.contexts.get(msg.contextId) : undefined;
    ctx?.push(msg);
  }

  private onClose(code: number, reason: string): void {
    if (this.closedWith) return;
    clearTimeout(this.idleTimer);
    this.closedWith = new Error(`ElevenLabs socket closed (${code}${reason ? ` ${reason}` : ""})`);
    for (const ctx of this.contexts.values()) ctx.fail(this.closedWith);
    this.contexts.clear();
    this.opts.onClosed(this);
  }
}
