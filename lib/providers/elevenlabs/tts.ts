// Text-to-speech through ElevenLabs' multi-context WebSocket: each sentence is one context on a socket
// kept open per voice (see socket.ts), answered in μ-law 8 kHz and decoded to telephone PCM (the
// Twilio edge re-encodes it losslessly: μ-law → linear → μ-law is exact). When ElevenLabs fails — the
// connection is refused (429/5xx), the socket drops or reports an error, or audio does not come in
// time — the rest of the sentence is spoken by the fallback (local) voice in the agent's language,
// from the first word whose audio had not arrived, and the fault is reported through req.onFault.
// A circuit breaker shared by every call of the process (one provider per process) stops paying that
// failure on every sentence while ElevenLabs is down: see ../circuit-breaker.ts and ./fault.ts.
import { ElevenLabsClient } from "@elevenlabs/elevenlabs-js";
import { defaultVoiceFor } from "../../voices/rank";
import { CircuitBreaker, type CircuitBreakerOptions, type CircuitSnapshot } from "../circuit-breaker";
import type { SynthesisRequest, TtsProvider, Voice } from "../speech/types";
import { ElevenLabsFault, faultKind } from "./fault";
import { ElevenLabsSocket, SentenceContext } from "./socket";
import { ELEVENLABS_PROVIDER, ElevenLabsVoices } from "./voices";
import { ELEVENLABS_DEFAULT_BASE_URL, ELEVENLABS_DEFAULT_MODEL, MAX_CONTEXTS_PER_SOCKET } from "./wire";

export interface ElevenLabsTtsOptions {
  apiKey: string;
  baseUrl?: string;
  modelId?: string;
  /** Speaks what ElevenLabs could not (the local espeak voices). */
  fallback: TtsProvider;
  /** No connection, or no audio, within this → the fallback voice speaks (the caller is not left in silence). */
  timeoutMs?: number;
  voiceCacheMs?: number;
  /** The breaker's thresholds (default: 3 failures in a row, 30 s cool-down) and, for tests, its clock. */
  circuit?: Partial<CircuitBreakerOptions>;
}

export const DEFAULT_CIRCUIT = { failureThreshold: 3, cooldownMs: 30_000 } as const;

/** Where the fallback voice takes over: the start of the first word ElevenLabs' audio did not fully cover. */
export function restOfSentence(text: string, spokenChars: number): string {
  if (spokenChars <= 0) return text;
  if (spokenChars >= text.length) return "";
  let i = spokenChars;
  while (i > 0 && !/\s/.test(text[i - 1]!) && !/\s/.test(text[i]!)) i--;
  return text.slice(i).trim();
}

const speakable = (text: string) => text.replace(/[\u0000-\u001f\u007f]+/g, " ").replace(/\s+/g, " ").trim();

export class ElevenLabsTts implements TtsProvider {
  readonly name = ELEVENLABS_PROVIDER;
  private readonly catalog: ElevenLabsVoices;
  private readonly sockets = new Map<string, ElevenLabsSocket[]>();
  private readonly baseUrl: string;
  private readonly modelId: string;
  private readonly timeoutMs: number;
  private readonly breaker: CircuitBreaker;
  private nextContext = 1;

  constructor(private readonly opts: ElevenLabsTtsOptions) {
    this.baseUrl = opts.baseUrl ?? ELEVENLABS_DEFAULT_BASE_URL;
    this.modelId = opts.modelId ?? ELEVENLABS_DEFAULT_MODEL;
    this.timeoutMs = opts.timeoutMs ?? 1500;
    this.breaker = new CircuitBreaker({ ...DEFAULT_CIRCUIT, ...opts.circuit });
    const client = new ElevenLabsClient({ apiKey: opts.apiKey, baseUrl: this.baseUrl, maxRetries: 0, timeoutInSeconds: 10 });
    this.catalog = new ElevenLabsVoices(client, opts.voiceCacheMs);
  }

  voices(): Promise<Voice[]> {
    return this.catalog.list();
  }

  async *synthesize(req: SynthesisRequest): AsyncGenerator<Int16Array, void, undefined> {
    const text = speakable(req.text);
    const { signal } = req;
    if (!text || signal?.aborted) return;
    const ticket = this.breaker.tryAcquire();
    if (!ticket) {
      this.reportOpenCircuit(req);
      yield* this.speakWithFallback(text, req.language, req);
      return;
    }
    const spoken = { chars: 0 };
    let language = req.language;
    try {
      const voice = await this.voiceFor(req);
      language ??= voice.language;
      yield* this.stream(text, voice.id, req.model || this.modelId, spoken, signal, req.onFirstAudio);
      // A sentence cut short by barge-in proves nothing either way.
      if (signal?.aborted) ticket.released();
      else ticket.succeeded();
    } catch (error) {
      if (signal?.aborted) return;
      const message = error instanceof Error ? error.message : String(error);
      // A request rejected for its own input (a voice or model ElevenLabs refuses) says nothing about an outage.
      const rejected = faultKind(error) === "rejected";
      if (rejected) ticket.released();
      else ticket.failed(message);
      req.onFault?.({ provider: ELEVENLABS_PROVIDER, capability: "tts", error: rejected ? `request rejected (not an outage): ${message}` : message, action: "fallback_voice" });
      const rest = restOfSentence(text, spoken.chars);
      if (rest) yield* this.speakWithFallback(rest, language, req);
    } finally {
      ticket.released(); // the consumer stopped reading (barge-in): no-op once settled
    }
  }

  /** The breaker's state, for /health. */
  circuit(): CircuitSnapshot {
    return this.breaker.snapshot();
  }

  /** Loads the voice list before the first call needs it (a failure here is retried on use). */
  async warmUp(): Promise<void> {
    await this.catalog.list().catch(() => undefined);
  }

  async close(): Promise<void> {
    for (const list of this.sockets.values()) for (const s of [...list]) s.close();
    this.sockets.clear();
  }

  /** Once per call per outage (the engine passes one onFault per call): why the local voice speaks now. */
  private reportOpenCircuit(req: SynthesisRequest): void {
    if (!req.onFault || !this.breaker.firstNotice(req.onFault)) return;
    const { failureThreshold, lastError } = this.breaker.snapshot();
    const error = `circuit open after ${failureThreshold} consecutive failures${lastError ? ` (last: ${lastError})` : ""}: ElevenLabs is skipped until a probe succeeds`;
    req.onFault({ provider: ELEVENLABS_PROVIDER, capability: "tts", error, action: "fallback_voice" });
  }

  /** The agent's voice if the account has it, else the account's first voice in the agent's language. */
  private async voiceFor(req: SynthesisRequest): Promise<Pick<Voice, "id" | "language">> {
    const voices = await this.catalog.current().catch(() => undefined);
    if (!voices) return { id: req.voiceId, language: req.language ?? "en" }; // the list is down, speaking may not be
    const voice = voices.find((v) => v.id === req.voiceId) ?? defaultVoiceFor(voices, req.language ?? "en-US");
    if (!voice) throw new ElevenLabsFault("the ElevenLabs account has no voices", "rejected");
    return voice;
  }

  private async *stream(
    text: string,
    voiceId: string,
    modelId: string,
    spoken: { chars: number },
    signal?: AbortSignal,
    onFirstAudio?: (providerMs: number) => void,
  ): AsyncGenerator<Int16Array> {
    const ctx = new SentenceContext(`s${this.nextContext++}`);
    const socket = this.socketFor(voiceId, modelId, ctx);
    const onAbort = () => ctx.signal();
    signal?.addEventListener("abort", onAbort, { once: true });
    // Time to first byte starts with the connection when there is none yet: the handshake is the vendor's.
    const requestedAt = performance.now();
    try {
      await socket.ready;
      if (signal?.aborted) return;
      socket.speak(ctx, text);
      for (;;) {
        const chunk = ctx.chunks.shift();
        if (chunk) {
          if (onFirstAudio) {
            onFirstAudio(ctx.firstAudioAt - requestedAt);
            onFirstAudio = undefined;
          }
          spoken.chars += chunk.chars;
          yield chunk.pcm;
          continue;
        }
        if (signal?.aborted || ctx.final) return;
        if (ctx.error) throw ctx.error;
        const woke = await ctx.waitFor(this.timeoutMs);
        if (!woke && !signal?.aborted) throw new Error(`no audio from ElevenLabs for ${this.timeoutMs} ms`);
      }
    } finally {
      signal?.removeEventListener("abort", onAbort);
      socket.release(ctx);
    }
  }

  /** A socket for the voice and model (both are in its URL) with room for one more sentence (connecting a new one if none has). */
  private socketFor(voiceId: string, modelId: string, ctx: SentenceContext): ElevenLabsSocket {
    const key = `${voiceId}/${modelId}`;
    const list = this.sockets.get(key) ?? [];
    let socket = list.find((s) => s.open && s.load < MAX_CONTEXTS_PER_SOCKET);
    if (!socket) {
      socket = new ElevenLabsSocket({
        baseUrl: this.baseUrl,
        apiKey: this.opts.apiKey,
        voiceId,
        modelId,
        connectTimeoutMs: this.timeoutMs,
        onClosed: (closed) => {
          const left = (this.sockets.get(key) ?? []).filter((s) => s !== closed);
          if (left.length) this.sockets.set(key, left);
          else this.sockets.delete(key);
        },
      });
      list.push(socket);
      this.sockets.set(key, list);
    }
    socket.attach(ctx);
    return socket;
  }

  /** `text` in the fallback voice; the request hears how much of it that voice spoke (its usage is the fallback's). */
  private async *speakWithFallback(text: string, language: string | undefined, req: SynthesisRequest): AsyncGenerator<Int16Array> {
    const voice = defaultVoiceFor(await this.opts.fallback.voices(), language ?? "en-US");
    if (req.signal?.aborted) return;
    req.onFallbackSpeech?.(text.length, this.opts.fallback.name);
    yield* this.opts.fallback.synthesize({ text, voiceId: voice?.id ?? "", language, signal: req.signal });
  }
}
