// Test support: caller "speech" the fake OpenAI servers can recognise exactly. Each word of a small
// vocabulary is a 100 ms constant tone whose level names the word, followed by 20 ms of silence; the
// fake hears it back from the μ-law it receives, so a test can tell whether every piece of an utterance
// reached the vendor (a lost or duplicated chunk changes the transcript).
import { mulawToLinear } from "../../audio/mulaw";
import { FRAME_SAMPLES } from "../../providers/speech/types";

export const TONE_VOCABULARY = [
  "hello", "i'd", "like", "to", "book", "a", "cleaning", "on", "monday", "please",
  "what", "time", "do", "you", "open", "thanks", "my", "name", "is", "sam",
] as const;

const STEP = 400;
const WORD_FRAMES = 5;
/** Shorter runs are edges, not words (a word is 800 bytes of μ-law). */
const MIN_RUN = 80;

/** 20 ms frames of telephone PCM saying `text` (every word must be in TONE_VOCABULARY). */
export function speakTones(text: string): Int16Array[] {
  const frames: Int16Array[] = [];
  for (const word of text.toLowerCase().split(/\s+/).filter(Boolean)) {
    const index = (TONE_VOCABULARY as readonly string[]).indexOf(word);
    if (index < 0) throw new Error(`"${word}" is not a tone word`);
    for (let i = 0; i < WORD_FRAMES; i++) frames.push(new Int16Array(FRAME_SAMPLES).fill((index + 1) * STEP));
    frames.push(new Int16Array(FRAME_SAMPLES));
  }
  return frames;
}

/**
 * The words in μ-law audio made by speakTones. Runs shorter than 10 ms are ignored (so a test may mark
 * a sample of each frame, e.g. the fake VAD's probability); a word repeats only after a silence.
 */
export function hearTones(mulaw: Uint8Array): string {
  const words: string[] = [];
  let last = -1;
  let gap = true;
  let current = -2;
  let run = 0;
  const flush = () => {
    if (run < MIN_RUN) return;
    if (current < 0) gap = true;
    else if (current !== last || gap) {
      words.push(TONE_VOCABULARY[current]!);
      last = current;
      gap = false;
    }
  };
  for (const byte of mulaw) {
    const index = Math.round(mulawToLinear(byte) / STEP) - 1;
    const word = index >= 0 && index < TONE_VOCABULARY.length ? index : -1;
    if (word === current) {
      run++;
      continue;
    }
    flush();
    current = word;
    run = 1;
  }
  flush();
  return words.join(" ");
}
