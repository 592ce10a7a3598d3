// The sentences of one of the model's spoken items, each told once as the caller starts hearing it, so
// the live view and text transports show a speech-to-speech agent's words as they are said (the
// cascade's agent.segment). The transcript deltas are cut with the cascade's chunker. They carry no
// timing, so where a sentence starts in the audio is the share of the transcript before it: the
// estimate SpokenItem.heardText makes at a barge-in, and the caller's position comes from the marks.
import { SentenceChunker } from "../../../conversation/speech/sentence-chunker";

export interface Sentence {
  /** `${itemId}:s${n}`: apart from the item's audio segments (`${itemId}:${n}`), never marked. */
  id: string;
  text: string;
}

export class SpokenSentences {
  private readonly chunker = new SentenceChunker();
  /** The transcript as given to the chunker. */
  private text = "";
  private readonly found: { start: number; text: string }[] = [];
  private told = 0;
  private ended = false;

  constructor(private readonly itemId: string) {}

  push(delta: string): void {
    if (this.ended || !delta) return;
    this.text += delta;
    for (const chunk of this.chunker.push(delta)) this.add(chunk);
  }

  /** No more transcript: `transcript` is the whole of it when the model sent it (its done event). */
  end(transcript?: string): void {
    if (this.ended) return;
    if (transcript?.startsWith(this.text)) this.push(transcript.slice(this.text.length));
    this.ended = true;
    for (const chunk of this.chunker.flush()) this.add(chunk);
  }

  /**
   * The sentences not told yet that the caller has started hearing, in order: the first once any of
   * the item's audio went out (the caller calls it only then), each later one once the heard share of
   * the transcript (`heardChars`) reaches its first character.
   */
  due(heardChars: number): Sentence[] {
    const out: Sentence[] = [];
    for (let s = this.found[this.told]; s && (this.told === 0 || s.start <= heardChars); s = this.found[this.told]) {
      this.told++;
      out.push({ id: `${this.itemId}:s${this.told}`, text: s.text });
    }
    return out;
  }

  private add(chunk: string): void {
    const last = this.found.at(-1);
    const from = last ? last.start + last.text.length : 0;
    // Chunks are trimmed slices of the transcript, in order: found at or after the previous one's end.
    const at = this.text.indexOf(chunk, from);
    this.found.push({ start: at < 0 ? from : at, text: chunk });
  }
}
