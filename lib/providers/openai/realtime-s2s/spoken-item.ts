// One assistant audio item of the Realtime model on its way to the caller. The transport frames PCM
// into 20 ms μ-law frames and places a mark after each segment, so the model's μ-law is decoded here
// (G.711 decode → encode is the identity: the caller gets the model's bytes unchanged) and cut into
// segments of whole frames (≤ 200 ms each; only the item's last one may be short), so that every mark
// echo says exactly how many ms of this item the caller has heard: the `audio_end_ms` of a truncate.
import { decodeMulaw } from "../../../audio/mulaw";
import type { CallSink } from "../../../conversation/types";
import { type Sentence, SpokenSentences } from "./spoken-sentences";

const FRAME = 160;
const SEGMENT_BYTES = 10 * FRAME; // 200 ms: the resolution of "what was heard"
const SAMPLES_PER_MS = 8;

export class SpokenItem {
  /** Samples handed to the transport / acknowledged as played (in the model's audio, not padding). */
  sentSamples = 0;
  heardSamples = 0;
  transcript = "";
  audioDone = false;
  /** The turn was recorded (heard in full, or cut by a barge-in). */
  recorded = false;
  private carry: Buffer | null = null;
  private segments = 0;
  private readonly segmentEnd = new Map<string, number>();
  private readonly sentences: SpokenSentences;

  constructor(
    readonly itemId: string,
    private readonly sink: CallSink,
  ) {
    this.sentences = new SpokenSentences(itemId);
  }

  /** A response.output_audio_transcript.delta. */
  addTranscript(delta: string): void {
    this.transcript += delta;
    this.sentences.push(delta);
  }

  /** No more transcript: the model's whole one (its done event), or none when the response ended without it. */
  endTranscript(transcript?: string): void {
    if (transcript !== undefined && !this.recorded) this.transcript = transcript;
    this.sentences.end(transcript);
  }

  /** The sentences the caller has started hearing since the last call; none before its audio goes out, nor once recorded (cut). */
  startedSentences(): Sentence[] {
    if (this.recorded || this.sentSamples === 0) return [];
    return this.sentences.due(Math.floor(this.transcript.length * this.heardShare));
  }

  /** A response.output_audio.delta (base64 μ-law). */
  push(base64: string): void {
    if (this.audioDone) return;
    const bytes = Buffer.from(base64, "base64");
    const data = this.carry ? Buffer.concat([this.carry, bytes]) : bytes;
    const whole = data.length - (data.length % FRAME);
    for (let at = 0; at < whole; at += SEGMENT_BYTES) this.segment(data.subarray(at, Math.min(whole, at + SEGMENT_BYTES)));
    this.carry = whole < data.length ? data.subarray(whole) : null;
  }

  /** No more audio (response.output_audio.done, or the response ended/cancelled): the short tail goes out. */
  endAudio(): void {
    if (this.audioDone) return;
    this.audioDone = true;
    if (this.carry) this.segment(this.carry);
    this.carry = null;
  }

  /** A mark echo of one of this item's segments. */
  markPlayed(segmentId: string): void {
    const end = this.segmentEnd.get(segmentId);
    if (end === undefined) return;
    this.segmentEnd.delete(segmentId);
    if (end > this.heardSamples) this.heardSamples = end;
  }

  get heardMs(): number {
    return Math.floor(this.heardSamples / SAMPLES_PER_MS);
  }

  get fullyHeard(): boolean {
    return this.audioDone && this.heardSamples >= this.sentSamples;
  }

  /** Some of its audio went to the transport and was not heard yet (a clear would cut it). */
  get playing(): boolean {
    return this.sentSamples > this.heardSamples || this.carry !== null;
  }

  /**
   * The transcript cut where the caller stopped hearing: the heard share of the audio sent so far,
   * applied to the transcript's characters and moved back to a word boundary. The model's transcript
   * deltas carry no timestamps, and speech rate within one reply is steady enough for this to land
   * on the right word or its neighbour.
   */
  heardText(): string {
    const text = this.transcript.trim();
    if (this.fullyHeard) return text;
    const n = Math.floor(text.length * this.heardShare);
    if (n === 0) return "";
    if (n >= text.length) return text;
    const cut = /\s/.test(text[n] ?? " ") ? n : text.lastIndexOf(" ", n);
    return cut > 0 ? text.slice(0, cut).trim() : "";
  }

  /** The share of the item's audio so far that the caller has heard (0..1). */
  private get heardShare(): number {
    if (this.fullyHeard) return 1;
    const total = this.sentSamples + (this.carry?.length ?? 0);
    return total === 0 ? 0 : this.heardSamples / total;
  }

  private segment(mulaw: Buffer): void {
    const id = `${this.itemId}:${++this.segments}`;
    this.sink.audio(id, decodeMulaw(mulaw));
    this.sink.endSegment(id);
    this.sentSamples += mulaw.length;
    this.segmentEnd.set(id, this.sentSamples);
  }
}

/** The item a segment id belongs to (ids are `${itemId}:${n}`). */
export function itemOfSegment(segmentId: string): string {
  const i = segmentId.lastIndexOf(":");
  return i < 0 ? segmentId : segmentId.slice(0, i);
}
