// npm run bench:stt — the local recogniser (CMU Sphinx in soundswallower, 8 kHz) on what callers say:
// accuracy and CPU per second of speech, for the default search settings and any others given, so a
// change of beams is chosen on figures. Caller speech is the local synthesiser's (five English voices,
// each sentence twice: espeak adds random noise, so renditions differ), against the grammar an agent
// like the demo's builds (expectedCallerPhrases). Out-of-grammar sentences must come back not
// understood. Recognition runs on this thread, one utterance at a time; CPU is this process's.
//
//   npm run bench:stt -- [--config '{"beam":1e-30,"wbeam":1e-20,"pbeam":1e-30}']... [--sentences 40]
import { parseArgs } from "node:util";
import { collectPcm } from "../../lib/audio/pcm";
import { testProfile } from "../../lib/conversation/testing/harness";
import { expectedCallerPhrases } from "../../lib/providers/responder/local/caller-phrases";
import { EspeakTts } from "../../lib/providers/speech/local/espeak-tts";
import { normalizePhrase } from "../../lib/providers/speech/local/grammar";
import { SphinxStt } from "../../lib/providers/speech/local/sphinx-stt";
import { FRAME_SAMPLES, SAMPLE_RATE } from "../../lib/providers/speech/types";

const { values: args } = parseArgs({
  options: {
    config: { type: "string", multiple: true, default: [] },
    sentences: { type: "string", default: "40" },
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
const DIGITS = ["five five five one two three four", "my number is two one two five five five zero one nine nine", "eight zero zero"];

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

async function main(): Promise<void> {
  const n = Number(args.sentences);
  if (!Number.isInteger(n) || n < 1 || n > 500) {
    console.error(`--sentences must be a whole number from 1 to 500, got "${args.sentences}"`);
    process.exit(2);
  }
  const profile = testProfile({ businessName: "Bright Smile Dental", services: ["cleaning", "whitening", "braces"], faq: [{ question: "Do you take walk-ins?", answer: "Yes." }] });
  const phrases = expectedCallerPhrases(profile);
  const inGrammar = [...sample(phrases.filter((p) => p.split(" ").length >= 2), n), ...DIGITS];
  const tts = new EspeakTts();
  console.log(`synthesising ${inGrammar.length + OUT_OF_GRAMMAR.length} sentences × ${VOICES.length} voices × ${RENDITIONS}…`);
  const utterances: { voiceId: string; expected: string | null; pcm: Int16Array }[] = [];
  for (const voiceId of VOICES) {
    for (let r = 0; r < RENDITIONS; r++) {
      for (const text of inGrammar) utterances.push({ voiceId, expected: normalizePhrase(text).join(" "), pcm: await collectPcm(tts.synthesize({ text, voiceId })) });
      for (const text of OUT_OF_GRAMMAR) utterances.push({ voiceId, expected: null, pcm: await collectPcm(tts.synthesize({ text, voiceId })) });
    }
  }
  await tts.close();
  const audioSec = utterances.reduce((s, u) => s + u.pcm.length / SAMPLE_RATE, 0);
  console.log(`${utterances.length} utterances, ${audioSec.toFixed(0)} s of speech, grammar of ${phrases.length} phrases\n`);

  for (const { label, config } of parseConfigs()) {
    const stt = new SphinxStt({ decoderConfig: config });
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
    const byVoice = new Map<string, number>();
    const before = process.cpuUsage();
    for (const u of utterances) {
      for (let at = 0; at + FRAME_SAMPLES <= u.pcm.length; at += FRAME_SAMPLES) stream.write(u.pcm.subarray(at, at + FRAME_SAMPLES));
      const result = await stream.finalize();
      if (u.expected === null) {
        outTotal++;
        if (!result.understood) rejected++;
      } else {
        inTotal++;
        if (result.understood && result.text === u.expected) {
          exact++;
          byVoice.set(u.voiceId, (byVoice.get(u.voiceId) ?? 0) + 1);
        }
        const ref = u.expected.split(" ");
        words += ref.length;
        wordErrors += editDistance(ref, result.understood ? result.text.split(" ").filter(Boolean) : []);
      }
    }
    const cpu = process.cpuUsage(before);
    stream.close();
    await stt.close();
    const cpuMs = (cpu.user + cpu.system) / 1000;
    console.log(
      `${label}: in-grammar exact ${exact}/${inTotal} (${pct(exact, inTotal)}), word error rate ${pct(wordErrors, words)}; ` +
        `out-of-grammar refused ${rejected}/${outTotal}; CPU ${(cpuMs / audioSec).toFixed(1)} ms per second of speech`,
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
