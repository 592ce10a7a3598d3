// npm run bench:stt — the local recogniser (CMU Sphinx in soundswallower, 8 kHz) on what callers say:
// accuracy and CPU per second of audio, for the default search settings and any others given, so a
// change of beams is chosen on figures. Caller speech is the local synthesiser's (five English voices,
// each sentence twice: espeak adds random noise, so renditions differ), against the grammar an agent
// like the demo's builds (expectedCallerPhrases), with one-word replies (yes, no, hello…) reported
// apart. Out-of-grammar sentences must come back not understood, and so must callers' names (no
// grammar has them: a misheard name would be saved with a message). Callers also stop mid-sentence
// ("my number is … five five five"): each sentence of three or more words is said once more per voice
// in two halves with half a second of line noise between, and reported apart. The recogniser is fed
// what a call feeds it: the VAD gate's pre-roll before the speech and the hangover and endpoint wait
// after it (CALL_FEED_MS; --lead-ms, --trail-ms), over a phone line's noise floor (--line-noise, the
// peak of uniform noise in 16-bit units; 0 is the digital silence of a synthetic test). Fed bare,
// without that silence, the figures flattered settings that fail in calls.
// Each utterance is decoded with the answer a call would expect there (SttStream.expectAnswer): a bare
// digit run after the agent asked for a number, anything else where it did not; --digits-always
// decodes everything with the bare digit run allowed (as before the recogniser was told).
// Recognition runs on this thread, one utterance at a time; CPU is this process's.
//
//   npm run bench:stt -- [--config '{"beam":1e-30,"wbeam":1e-20,"pbeam":1e-30}']... [--sentences 40]
//                        [--lead-ms 200] [--trail-ms 860] [--line-noise 100] [--digits-always]
// A config's keys are decoder settings, except garbageWordWeight (grammar.ts) and dither (sphinx-stt.ts).
import { parseArgs } from "node:util";
import { collectPcm } from "../../lib/audio/pcm";
import { testProfile } from "../../lib/conversation/testing/harness";
import { expectedCallerPhrases } from "../../lib/providers/responder/local/caller-phrases";
import { EspeakTts } from "../../lib/providers/speech/local/espeak-tts";
import { normalizePhrase } from "../../lib/providers/speech/local/grammar";
import { SphinxStt } from "../../lib/providers/speech/local/sphinx-stt";
import { type AnswerKind, FRAME_SAMPLES, SAMPLE_RATE } from "../../lib/providers/speech/types";
import { answerBefore, CALL_FEED_MS } from "../../lib/test/fixtures/speech";

const { values: args } = parseArgs({
  options: {
    config: { type: "string", multiple: true, default: [] },
    sentences: { type: "string", default: "40" },
    "lead-ms": { type: "string", default: String(CALL_FEED_MS.lead) },
    "trail-ms": { type: "string", default: String(CALL_FEED_MS.trail) },
    "line-noise": { type: "string", default: "100" },
    "digits-always": { type: "boolean", default: false },
  },
});

const VOICES = ["local-en-us-1", "local-en-us-2", "local-en-us-3", "local-en-gb-1", "local-en-gb-2"];
const RENDITIONS = 2;
const OUT_OF_GRAMMAR = [
  "My dog ate the pizza while we watched a movie in the rain.",
  "The quarterly report shows strong growth in the northern region.",
  "Please water the plants on the balcony before you leave.",
  "I think the concert starts later than we planned.",
];
/** The mid-sentence pause of the "paused" utterances. */
const PAUSE_MS = 500;
/** One-word replies: short, so easily taken for a digit or a name (sample() skips them). */
const SHORT_REPLIES = ["yes", "no", "hello", "goodbye", "okay", "operator"];
const DIGITS = ["five five five one two three four", "my number is two one two five five five zero one nine nine", "eight zero zero"];
/**
 * Answers to "may I have your name?": not in any grammar (names from a list of common ones came back
 * right 4 times in 50, and a misheard name is saved with a message), so they should come back not
 * understood, and the dialogue goes on without the name.
 */
const NAMES = ["john smith", "my name is mary johnson", "this is robert", "it's jennifer garcia", "mister brown"];

/** What the agent had asked before this utterance (answerBefore); --digits-always: a number everywhere, as before it was told. */
function answerFor(expected: string | null): AnswerKind {
  return args["digits-always"] ? "number" : answerBefore(expected ?? "");
}

function parseConfigs(): { label: string; config: Record<string, string | number | boolean> }[] {
  const out: { label: string; config: Record<string, string | number | boolean> }[] = [{ label: "default", config: {} }];
  for (const raw of args.config) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      console.error(`--config must be a JSON object of decoder settings, got ${raw}`);
      process.exit(2);
    }
    if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) {
      console.error(`--config must be a JSON object of decoder settings, got ${raw}`);
      process.exit(2);
    }
    out.push({ label: raw, config: parsed as Record<string, string | number | boolean> });
  }
  return out;
}

/** Every k-th phrase of the grammar, so the sample spans its sections (hours, messages, names, yes/no…). */
function sample<T>(all: readonly T[], n: number): T[] {
  const step = Math.max(1, Math.floor(all.length / n));
  return all.filter((_, i) => i % step === 0).slice(0, n);
}

function wholeArg(name: keyof typeof args, min: number, max: number): number {
  const raw = args[name] as string;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    console.error(`--${name} must be a whole number from ${min} to ${max}, got "${raw}"`);
    process.exit(2);
  }
  return n;
}

/**
 * The utterance as a call feeds it: `leadMs` before the speech parts (with `pauseMs` between them),
 * `trailMs` after, and a line's noise floor (a fixed-seed generator, so every config hears the same).
 */
function asFed(parts: Int16Array[], o: { leadMs: number; trailMs: number; pauseMs: number; noise: number; seed: number }): Int16Array {
  const ms = (t: number) => (SAMPLE_RATE * t) / 1000;
  const length = ms(o.leadMs) + parts.reduce((n, p) => n + p.length, 0) + ms(o.pauseMs) * (parts.length - 1) + ms(o.trailMs);
  const out = new Int16Array(length);
  let at = ms(o.leadMs);
  for (const [i, part] of parts.entries()) {
    if (i > 0) at += ms(o.pauseMs);
    out.set(part, at);
    at += part.length;
  }
  let seed = o.seed | 0;
  for (let i = 0; i < out.length; i++) {
    seed = (Math.imul(seed, 1103515245) + 12345) | 0;
    out[i] = Math.max(-32768, Math.min(32767, out[i]! + Math.round(((seed >>> 16) / 65536 - 0.5) * 2 * o.noise)));
  }
  return out;
}

async function main(): Promise<void> {
  const n = wholeArg("sentences", 1, 500);
  const feed = { leadMs: wholeArg("lead-ms", 0, 2000), trailMs: wholeArg("trail-ms", 0, 3000), noise: wholeArg("line-noise", 0, 4000) };
  const profile = testProfile({ businessName: "Bright Smile Dental", services: ["cleaning", "whitening", "braces"], faq: [{ question: "Do you take walk-ins?", answer: "Yes." }] });
  const phrases = expectedCallerPhrases(profile);
  const inGrammar = [...sample(phrases.filter((p) => p.split(" ").length >= 2), n), ...SHORT_REPLIES, ...DIGITS];
  const tts = new EspeakTts();
  console.log(`synthesising ${inGrammar.length + OUT_OF_GRAMMAR.length + NAMES.length} sentences × ${VOICES.length} voices × ${RENDITIONS}, and the longer ones with a pause…`);
  const utterances: { voiceId: string; expected: string | null; paused: boolean; pcm: Int16Array; answer: AnswerKind; name?: boolean }[] = [];
  const say = async (texts: string[], voiceId: string) => {
    const parts = [];
    for (const text of texts) parts.push(await collectPcm(tts.synthesize({ text, voiceId })));
    return asFed(parts, { ...feed, pauseMs: PAUSE_MS, seed: utterances.length + 1 });
  };
  for (const voiceId of VOICES) {
    for (let r = 0; r < RENDITIONS; r++) {
      for (const text of inGrammar) {
        const expected = normalizePhrase(text).join(" ");
        utterances.push({ voiceId, expected, paused: false, pcm: await say([text], voiceId), answer: answerFor(expected) });
      }
      for (const text of [...OUT_OF_GRAMMAR, ...NAMES]) utterances.push({ voiceId, expected: null, paused: false, pcm: await say([text], voiceId), answer: answerFor(null), name: NAMES.includes(text) });
    }
    for (const text of inGrammar) {
      const words = normalizePhrase(text);
      if (words.length < 3) continue;
      const half = Math.ceil(words.length / 2);
      const pcm = await say([words.slice(0, half).join(" "), words.slice(half).join(" ")], voiceId);
      utterances.push({ voiceId, expected: words.join(" "), paused: true, pcm, answer: answerFor(words.join(" ")) });
    }
  }
  await tts.close();
  // CPU is per second of what the recogniser is fed: the speech and the silence around it.
  const audioSec = utterances.reduce((s, u) => s + u.pcm.length / SAMPLE_RATE, 0);
  console.log(
    `${utterances.length} utterances, ${audioSec.toFixed(0)} s of audio (${feed.leadMs} ms before and ${feed.trailMs} ms after the speech, line noise ±${feed.noise}), grammar of ${phrases.length} phrases; ` +
      `${args["digits-always"] ? "a bare digit run allowed throughout" : "a bare digit run allowed where the agent asked for a number"}\n`,
  );

  for (const { label, config } of parseConfigs()) {
    const { garbageWordWeight, dither, ...decoderConfig } = config;
    const stt = new SphinxStt({
      decoderConfig,
      ...(typeof garbageWordWeight === "number" ? { garbageWordWeight } : {}),
      ...(typeof dither === "number" ? { dither } : {}),
    });
    let stream: Awaited<ReturnType<SphinxStt["createStream"]>>;
    try {
      stream = await stt.createStream({ language: "en-US", phrases });
    } catch (err) {
      console.log(`${label}: the decoder refused these settings (${err instanceof Error ? err.message : String(err)})`);
      await stt.close().catch(() => undefined);
      continue;
    }
    let exact = 0;
    let inTotal = 0;
    let rejected = 0;
    let outTotal = 0;
    let wordErrors = 0;
    let words = 0;
    let pausedExact = 0;
    let pausedTotal = 0;
    let shortExact = 0;
    let shortTotal = 0;
    let digitsExact = 0;
    let digitsTotal = 0;
    let digitErrors = 0;
    let digitWords = 0;
    let namesRefused = 0;
    let namesTotal = 0;
    const byVoice = new Map<string, number>();
    const before = process.cpuUsage();
    for (const u of utterances) {
      stream.expectAnswer!(u.answer);
      for (let at = 0; at + FRAME_SAMPLES <= u.pcm.length; at += FRAME_SAMPLES) stream.write(u.pcm.subarray(at, at + FRAME_SAMPLES));
      const result = await stream.finalize();
      const heardExactly = result.understood && result.text === u.expected;
      if (u.name) {
        namesTotal++;
        if (!result.understood) namesRefused++;
      } else if (u.expected === null) {
        outTotal++;
        if (!result.understood) rejected++;
      } else if (u.paused) {
        pausedTotal++;
        if (heardExactly) pausedExact++;
      } else {
        inTotal++;
        if (SHORT_REPLIES.includes(u.expected)) {
          shortTotal++;
          if (heardExactly) shortExact++;
        }
        if (DIGITS.includes(u.expected)) {
          digitsTotal++;
          if (heardExactly) digitsExact++;
        }
        if (heardExactly) {
          exact++;
          byVoice.set(u.voiceId, (byVoice.get(u.voiceId) ?? 0) + 1);
        }
        const ref = u.expected.split(" ");
        const errors = editDistance(ref, result.understood ? result.text.split(" ").filter(Boolean) : []);
        words += ref.length;
        wordErrors += errors;
        if (DIGITS.includes(u.expected)) {
          digitWords += ref.length;
          digitErrors += errors;
        }
      }
    }
    const cpu = process.cpuUsage(before);
    stream.close();
    await stt.close();
    const cpuMs = (cpu.user + cpu.system) / 1000;
    console.log(
      `${label}: in-grammar exact ${exact}/${inTotal} (${pct(exact, inTotal)}), word error rate ${pct(wordErrors, words)}, one-word replies ${shortExact}/${shortTotal}, numbers ${digitsExact}/${digitsTotal} (word error ${pct(digitErrors, digitWords)}); ` +
        `with a ${PAUSE_MS} ms pause exact ${pausedExact}/${pausedTotal} (${pct(pausedExact, pausedTotal)}); out-of-grammar refused ${rejected}/${outTotal}, callers' names refused ${namesRefused}/${namesTotal}; CPU ${(cpuMs / audioSec).toFixed(1)} ms per second of audio`,
    );
    const perVoice = inTotal / VOICES.length;
    console.log(`  exact by voice: ${VOICES.map((v) => `${v} ${byVoice.get(v) ?? 0}/${perVoice}`).join(", ")}`);
  }
}

const pct = (a: number, b: number) => `${((100 * a) / Math.max(1, b)).toFixed(1)}%`;

function editDistance(a: readonly string[], b: readonly string[]): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length]!;
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
