// One agent reply on its way to the caller: streamed text → speakable chunks → one segment each.
// Audio calls synthesise the segments strictly one after another (segment N+1 is synthesised while
// N is already playing at the transport, which paces it, and audio never interleaves); text calls
// send each segment's text and end it at once. The reply is finished when its text stream ended and
// every segment's mark came back. One AbortController stops the responder and the synthesiser.
import type { ProviderFault, TtsProvider } from "../../providers/speech/types";
import type { CallSink, UsageKind } from "../types";
import { heardTextOf, type PlayoutSegment } from "./playout";
import { SentenceChunker } from "./sentence-chunker";

export interface ReplyContext {
  sink: CallSink;
  /** Absent on text calls. */
  tts?: TtsProvider;
  voiceId: string;
  /** The agent's vendor voice model (its ElevenLabs model); absent = the provider's default. */
  ttsModel?: string;
  /** The agent's language: a vendor voice that fails mid-sentence falls back to a local voice of it. */
  language?: string;
  now(): number;
  usage(kind: UsageKind, quantity: number, model?: string): void;
  ttsFailed(error: unknown): void;
  /** The synthesiser recovered from a vendor fault (the rest of the sentence in the fallback voice). */
  providerFault?(fault: ProviderFault): void;
  /** Something changed that may have finished the reply (stream ended, synthesis drained). */
  changed(reply: AgentReply): void;
  /** A segment starts playing: everything before it was heard and its first audio is out (text calls: sent). */
  segmentStarted?(segmentId: string, text: string): void;
}

interface Segment extends PlayoutSegment {
  id: string;
}

/** The segment being synthesised: its characters, and those a fallback voice spoke, by that voice's provider. */
interface Synthesis {
  chars: number;
  fallback: Map<string, number>;
}

export class AgentReply {
  readonly controller = new AbortController();
  /** Everything the agent meant to say (all text received so far). */
  text = "";
  streamDone = false;
  /** Latency marks (ms, -1 until they happen). */
  firstTextAt = -1;
  firstTtsSentAt = -1;
  firstTtsAudioAt = -1;
  /** First audio handed to the transport (text calls: the first segment sent). */
  firstOutputAt = -1;
  /** Provider-reported times (ms, -1 unless reported): first token, first TTS byte of the first segment. */
  llmProviderMs = -1;
  ttsProviderMs = -1;
  private readonly segments: Segment[] = [];
  private readonly chunker = new SentenceChunker();
  private next = 0;
  private announced = 0; // segments reported through segmentStarted
  private synthesizing = false;
  private unplayed = 0;
  private flushed = false; // text after a flush starts a new sentence: keep words apart
  private pausedAt = -1;
  private synthesis: Synthesis | null = null;

  constructor(
    private readonly ctx: ReplyContext,
    readonly key: string,
  ) {}

  get aborted(): boolean {
    return this.controller.signal.aborted;
  }

  /** Nothing has been sent to the transport yet. */
  get silent(): boolean {
    return this.segments.length === 0;
  }

  get finished(): boolean {
    return this.streamDone && !this.synthesizing && this.next === this.segments.length && this.unplayed === 0;
  }

  /** When the last segment was heard (ms), -1 if none. */
  get lastPlayedAt(): number {
    return this.segments.at(-1)?.playedAt ?? -1;
  }

  pushText(delta: string): void {
    if (this.aborted || !delta) return;
    if (this.firstTextAt < 0) this.firstTextAt = this.ctx.now();
    if (this.flushed && this.text && !/\s$/.test(this.text) && !/^\s/.test(delta)) this.text += " ";
    this.flushed = false;
    this.text += delta;
    for (const chunk of this.chunker.push(delta)) this.addSegment(chunk);
  }

  /** Speak what is buffered now (before a tool runs, so the caller is not left in silence). */
  flushText(): void {
    if (this.aborted) return;
    this.flushed = true;
    for (const chunk of this.chunker.flush()) this.addSegment(chunk);
  }

  endStream(): void {
    if (this.streamDone) return;
    this.flushText();
    this.streamDone = true;
    this.ctx.changed(this);
  }

  /** true if the segment belongs to this reply. */
  markPlayed(segmentId: string): boolean {
    const seg = this.segments.find((s) => s.id === segmentId);
    if (!seg) return false;
    if (seg.playedAt < 0) {
      seg.playedAt = this.ctx.now();
      this.unplayed--;
      this.announce();
      this.ctx.changed(this);
    }
    return true;
  }

  /** What the caller heard by `now` (while paused: by the pause, which stopped their audio). */
  heardText(now: number): string {
    return heardTextOf(this.segments, this.pausedAt >= 0 ? Math.min(now, this.pausedAt) : now);
  }

  /** The transport stopped the caller's audio at `at` (sink.pause): the playing segment stands still. */
  pause(at: number): void {
    if (this.pausedAt < 0) this.pausedAt = at;
  }

  /** Playback goes on from where it stood (sink.resume): the segment that was playing ends that much later. */
  resume(at: number): void {
    if (this.pausedAt < 0) return;
    const stood = Math.max(0, at - this.pausedAt);
    this.pausedAt = -1;
    const playing = this.segments.find((s) => s.playedAt < 0 && s.firstAudioAt >= 0);
    if (playing) playing.pausedMs = (playing.pausedMs ?? 0) + stood;
  }

  get paused(): boolean {
    return this.pausedAt >= 0;
  }

  /** When the current pause began (ms), -1 if not paused. */
  get pausedSince(): number {
    return this.pausedAt;
  }

  abort(): void {
    // Counted now, not when the synthesiser notices: the call may be ending, and usage comes before its end.
    this.countSynthesis();
    this.controller.abort();
  }

  /**
   * Reports segments as they start playing, in order: the transport queues segment N+1 behind N, so
   * N+1 starts when N's mark came back (and its own audio is out). Cheap: no I/O, one callback.
   */
  private announce(): void {
    while (!this.aborted && this.announced < this.next) {
      const seg = this.segments[this.announced] as Segment;
      const prev = this.segments[this.announced - 1];
      if (prev && prev.playedAt < 0) return;
      if (this.ctx.tts && seg.firstAudioAt < 0 && seg.playedAt < 0) return;
      this.announced++;
      this.ctx.segmentStarted?.(seg.id, seg.text);
    }
  }

  private addSegment(text: string): void {
    const seg: Segment = { id: `${this.key}-${this.segments.length}`, text, samples: 0, firstAudioAt: -1, playedAt: -1 };
    this.segments.push(seg);
    this.unplayed++;
    if (!this.ctx.tts) {
      this.next++;
      if (this.firstOutputAt < 0) this.firstOutputAt = this.ctx.now();
      this.ctx.sink.segmentText(seg.id, text);
      this.announce();
      this.ctx.sink.endSegment(seg.id);
      return;
    }
    if (!this.synthesizing) this.pump(this.ctx.tts).catch((e: unknown) => this.ctx.ttsFailed(e));
  }

  private async pump(tts: TtsProvider): Promise<void> {
    this.synthesizing = true;
    const signal = this.controller.signal;
    while (this.next < this.segments.length && !signal.aborted) {
      const seg = this.segments[this.next++] as Segment;
      this.ctx.sink.segmentText(seg.id, seg.text);
      const synthesis: Synthesis = { chars: seg.text.length, fallback: new Map() };
      this.synthesis = synthesis;
      const onFallbackSpeech = (chars: number, provider: string) => void synthesis.fallback.set(provider, (synthesis.fallback.get(provider) ?? 0) + chars);
      const firstSegment = this.firstTtsSentAt < 0;
      if (firstSegment) this.firstTtsSentAt = this.ctx.now();
      // Only the first segment's first byte is on the caller's wait; one closure per reply, not per frame.
      const onFirstAudio = firstSegment ? (ms: number) => void (this.ttsProviderMs = ms) : undefined;
      try {
        const req = { text: seg.text, voiceId: this.ctx.voiceId, model: this.ctx.ttsModel, language: this.ctx.language, signal, onFault: this.ctx.providerFault, onFallbackSpeech, onFirstAudio };
        for await (const pcm of tts.synthesize(req)) {
          if (signal.aborted) break;
          if (pcm.length === 0) continue;
          const at = this.ctx.now();
          if (this.firstTtsAudioAt < 0) this.firstTtsAudioAt = at;
          if (this.firstOutputAt < 0) this.firstOutputAt = at;
          const first = seg.firstAudioAt < 0;
          if (first) seg.firstAudioAt = at;
          seg.samples += pcm.length;
          this.ctx.sink.audio(seg.id, pcm);
          if (first) this.announce();
        }
      } catch (error) {
        if (!signal.aborted) this.ctx.ttsFailed(error);
      }
      this.countSynthesis();
      // Even a segment without audio gets its mark, so the reply can finish.
      if (!signal.aborted) this.ctx.sink.endSegment(seg.id);
    }
    this.synthesizing = false;
    if (!signal.aborted) this.ctx.changed(this);
  }

  /**
   * The characters of the segment being synthesised, once (when its synthesis ends or the reply is
   * aborted): what a fallback voice spoke is that voice's usage, the rest the configured provider's.
   */
  private countSynthesis(): void {
    const s = this.synthesis;
    if (!s) return;
    this.synthesis = null;
    const own = s.chars - [...s.fallback.values()].reduce((a, n) => a + n, 0);
    if (own > 0) this.ctx.usage("TTS_CHARACTERS", own);
    for (const [provider, chars] of s.fallback) this.ctx.usage("TTS_CHARACTERS", chars, provider);
  }
}
