// Test doubles for the engine's providers and outputs. Test-only: product code never imports this.
//
// Caller audio is encoded so that tests can script it: sample 0 carries the speech probability
// (×1000) the fake VAD reports, sample 1 the id of the words being spoken, which the fake STT turns
// back into text. Agent audio from the fake TTS is 60 ms per character, so a segment's play time is
// known exactly.
import { type AnswerKind, FRAME_SAMPLES, type SttResult, type SttStream, type SynthesisRequest, type TtsProvider, type VadStream, type Voice } from "../../providers/speech/types";
import type { RespondRequest, Responder, ResponderEvent } from "../../providers/responder/types";
import type { CallActions, CallObserver, CallEventType, CallSink, EndReason, KnowledgeHit, TakeMessageArgs, TurnRecord, UsageKind } from "../types";

export class FakeClock {
  t = 1_000;
  private timers: { at: number; fire: () => void }[] = [];
  readonly now = (): number => this.t;
  advance(ms: number): void {
    this.t += ms;
    const due = this.timers.filter((x) => x.at <= this.t);
    if (due.length === 0) return;
    this.timers = this.timers.filter((x) => x.at > this.t);
    for (const x of due) x.fire();
  }
  /** Resolves once the clock has been advanced `ms` (a provider that takes a known time). */
  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => this.timers.push({ at: this.t + ms, fire: resolve }));
  }
}

/** Words registry shared by a test's caller audio and its fake STT. */
export class Words {
  private readonly texts: string[] = [""];
  id(text: string): number {
    this.texts.push(text);
    return this.texts.length - 1;
  }
  text(id: number): string {
    return this.texts[id] ?? "";
  }
}

export function callerFrame(prob: number, wordsId = 0): Int16Array {
  const frame = new Int16Array(FRAME_SAMPLES);
  frame[0] = Math.round(prob * 1000);
  frame[1] = wordsId;
  return frame;
}

export class FakeVad implements VadStream {
  closed = false;
  processed = 0;
  constructor(private readonly async = false) {}
  process(frame: Int16Array): number | Promise<number> {
    this.processed++;
    const prob = (frame[0] ?? 0) / 1000;
    return this.async ? Promise.resolve(prob) : prob;
  }
  reset(): void {}
  close(): void {
    this.closed = true;
  }
}

export class FakeStt implements SttStream {
  closed = false;
  resets = 0;
  /** Every frame ever written (to check pre-roll and barge-in audio reached the recogniser). */
  written = 0;
  finalized: SttResult[] = [];
  /** What the engine said the caller's next answer is likely to be, in order. */
  expected: AnswerKind[] = [];
  /** SttStream.closedVocabulary: set to play the local recogniser, which cannot take down names. */
  closedVocabulary = false;
  private ids: number[] = [];
  private frames = 0;
  constructor(private readonly words: Words) {}
  expectAnswer(kind: AnswerKind): void {
    this.expected.push(kind);
  }
  write(frame: Int16Array): void {
    this.written++;
    this.frames++;
    const id = frame[1] ?? 0;
    if (id > 0 && this.ids.at(-1) !== id) this.ids.push(id);
  }
  partial(): string {
    return this.ids.map((id) => this.words.text(id)).join(" ");
  }
  finalize(): Promise<SttResult> {
    const text = this.partial();
    const result = { text, understood: text.length > 0, audioSec: this.frames * 0.02 };
    this.finalized.push(result);
    this.ids = [];
    this.frames = 0;
    return Promise.resolve(result);
  }
  reset(): void {
    this.resets++;
    this.ids = [];
    this.frames = 0;
  }
  close(): void {
    this.closed = true;
  }
}

export const TTS_MS_PER_CHAR = 60;
const PIECE = 1600; // samples per yielded piece (200 ms)

export class FakeTts implements TtsProvider {
  readonly name = "fake";
  readonly requests: SynthesisRequest[] = [];
  /** Texts for which synthesis throws. */
  failOn: (text: string) => boolean = () => false;
  /** When set, synthesis waits for release() before yielding audio (to observe pipelining). */
  private held: (() => void)[] | null = null;

  async voices(): Promise<Voice[]> {
    return [{ id: "fake", name: "Fake", language: "en-US", provider: "fake" }];
  }

  hold(): void {
    this.held = [];
  }

  release(): void {
    const waiting = this.held ?? [];
    this.held = null;
    for (const go of waiting) go();
  }

  async *synthesize(req: SynthesisRequest): AsyncIterable<Int16Array> {
    this.requests.push(req);
    if (this.held) await new Promise<void>((resolve) => this.held?.push(resolve));
    if (this.failOn(req.text)) throw new Error("tts exploded");
    let left = req.text.length * TTS_MS_PER_CHAR * 8;
    while (left > 0 && !req.signal?.aborted) {
      const n = Math.min(PIECE, left);
      left -= n;
      await Promise.resolve();
      if (req.signal?.aborted) return;
      yield new Int16Array(n);
    }
  }
}

export type ResponderScript = (req: RespondRequest, call: number) => ResponderEvent[] | AsyncIterable<ResponderEvent>;

/** A responder driven by a function of the request (history, tools). Records every request. */
export class FakeResponder implements Responder {
  readonly requests: RespondRequest[] = [];
  constructor(private readonly script: ResponderScript) {}
  async *respond(req: RespondRequest): AsyncIterable<ResponderEvent> {
    this.requests.push(req);
    const out = this.script(req, this.requests.length);
    for await (const ev of out as AsyncIterable<ResponderEvent>) {
      if (req.signal.aborted) return;
      yield ev;
    }
  }
}

/** An event stream the test pushes into by hand (to hold a reply open mid-sentence). */
export class ManualStream implements AsyncIterable<ResponderEvent> {
  private readonly queue: ResponderEvent[] = [];
  private done = false;
  private error: unknown = null;
  private wake: (() => void) | null = null;
  push(...events: ResponderEvent[]): void {
    this.queue.push(...events);
    this.wake?.();
  }
  end(): void {
    this.done = true;
    this.wake?.();
  }
  fail(error: unknown): void {
    this.error = error;
    this.wake?.();
  }
  async *[Symbol.asyncIterator](): AsyncIterator<ResponderEvent> {
    for (;;) {
      const next = this.queue.shift();
      if (next) {
        yield next;
        continue;
      }
      if (this.error) throw this.error;
      if (this.done) return;
      await new Promise<void>((resolve) => (this.wake = resolve));
      this.wake = null;
    }
  }
}

export const text = (delta: string): ResponderEvent => ({ type: "text", delta });

export type SinkEntry =
  | { type: "audio"; id: string; samples: number }
  | { type: "segmentText"; id: string; text: string }
  | { type: "endSegment"; id: string }
  | { type: "clear" }
  | { type: "pause" }
  | { type: "resume" }
  | { type: "transfer"; to: string }
  | { type: "hangup"; reason: EndReason };

/**
 * Records what the engine sends and plays it out like Twilio: audio is queued back to back in real
 * (fake-clock) time, and a segment's mark is acknowledged once its last audio would have played.
 * `autoAck`: acknowledge every mark at once (what the text transport does).
 */
export class PlayoutSink implements CallSink {
  readonly log: SinkEntry[] = [];
  /** Marks acknowledged, in order, with the time they were heard. */
  readonly played: { id: string; at: number }[] = [];
  /** Ids of the segments heard when hangup() was called. */
  heardAtHangup: string[] | null = null;
  markPlayed: (id: string) => void = () => {};
  private playheadAt = 0;
  private marks: { id: string; at: number }[] = [];
  private pausedAt = -1;

  constructor(
    private readonly now: () => number,
    private readonly autoAck = false,
  ) {}

  audio(segmentId: string, pcm: Int16Array): void {
    this.log.push({ type: "audio", id: segmentId, samples: pcm.length });
    this.playheadAt = Math.max(this.now(), this.playheadAt) + pcm.length / 8;
  }
  segmentText(segmentId: string, text: string): void {
    this.log.push({ type: "segmentText", id: segmentId, text });
  }
  endSegment(segmentId: string): void {
    this.log.push({ type: "endSegment", id: segmentId });
    if (this.autoAck) return this.ack(segmentId);
    this.marks.push({ id: segmentId, at: Math.max(this.now(), this.playheadAt) });
  }
  clear(): void {
    this.log.push({ type: "clear" });
    this.marks = [];
    this.playheadAt = this.now();
    this.pausedAt = -1;
  }
  /** Like the transport: playback stands still, nothing is lost; resume plays on from there. */
  pause(): void {
    this.log.push({ type: "pause" });
    if (this.pausedAt < 0) this.pausedAt = this.now();
  }
  resume(): void {
    this.log.push({ type: "resume" });
    if (this.pausedAt < 0) return;
    const stood = this.now() - this.pausedAt;
    for (const m of this.marks) if (m.at > this.pausedAt) m.at += stood;
    if (this.playheadAt > this.pausedAt) this.playheadAt += stood;
    this.pausedAt = -1;
  }
  transfer(to: string): void {
    this.log.push({ type: "transfer", to });
  }
  hangup(reason: EndReason): void {
    this.log.push({ type: "hangup", reason });
    this.heardAtHangup = this.played.map((p) => p.id);
  }
  /** Acknowledges the marks whose audio has played by now. */
  play(): void {
    if (this.pausedAt >= 0) return;
    const now = this.now();
    while (this.marks.length > 0 && (this.marks[0]?.at ?? Infinity) <= now) {
      const mark = this.marks.shift();
      if (mark) this.ack(mark.id);
    }
  }
  private ack(id: string): void {
    this.played.push({ id, at: this.now() });
    this.markPlayed(id);
  }
  /** Ids of the segments sent for `text` fragments (segments whose text contains it). */
  segmentsWith(fragment: string): string[] {
    return this.log.flatMap((e) => (e.type === "segmentText" && e.text.includes(fragment) ? [e.id] : []));
  }
  texts(): string[] {
    return this.log.flatMap((e) => (e.type === "segmentText" ? [e.text] : []));
  }
  count(type: SinkEntry["type"]): number {
    return this.log.filter((e) => e.type === type).length;
  }
}

export class RecordingObserver implements CallObserver {
  readonly turns: TurnRecord[] = [];
  readonly events: { type: CallEventType; payload?: Record<string, unknown>; at: number }[] = [];
  readonly usages: { kind: UsageKind; quantity: number; model?: string }[] = [];
  endedWith: { reason: EndReason; atMs: number } | null = null;
  endedCount = 0;
  constructor(private readonly now: () => number = () => 0) {}
  turn(turn: TurnRecord): void {
    this.turns.push(turn);
  }
  event(type: CallEventType, payload?: Record<string, unknown>): void {
    this.events.push({ type, payload, at: this.now() });
  }
  usage(kind: UsageKind, quantity: number, model?: string): void {
    this.usages.push(model === undefined ? { kind, quantity } : { kind, quantity, model });
  }
  ended(reason: EndReason, atMs: number): void {
    this.endedWith = { reason, atMs };
    this.endedCount++;
  }
  eventsOf(type: CallEventType) {
    return this.events.filter((e) => e.type === type);
  }
  /** `model`: only the usage recorded with that model (null: only the call's own, recorded without one). */
  totalUsage(kind: UsageKind, model?: string | null): number {
    const matches = (u: { model?: string }) => model === undefined || (u.model ?? null) === model;
    return this.usages.filter((u) => u.kind === kind && matches(u)).reduce((a, u) => a + u.quantity, 0);
  }
}

export class FakeActions implements CallActions {
  readonly messages: TakeMessageArgs[] = [];
  readonly searches: string[] = [];
  /** Resolve a held saveMessage by hand (to have a tool running across a barge-in). */
  holdSave = false;
  private releaseSave: (() => void) | null = null;
  async saveMessage(args: TakeMessageArgs): Promise<{ messageId: string }> {
    if (this.holdSave) await new Promise<void>((resolve) => (this.releaseSave = resolve));
    this.messages.push(args);
    return { messageId: `msg_${this.messages.length}` };
  }
  finishSave(): void {
    this.releaseSave?.();
  }
  async searchKnowledge(query: string, limit: number): Promise<KnowledgeHit[]> {
    this.searches.push(query);
    return [{ text: "We open at 9 a.m. on Saturdays.", source: "faq" as const, title: "Hours", score: 1 }].slice(0, limit);
  }
}
