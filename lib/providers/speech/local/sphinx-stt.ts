// Local speech recognition: CMU Sphinx (soundswallower, WebAssembly) with its 8 kHz US-English model,
// decoding against a grammar built per agent from the phrases its callers are expected to say
// (grammar.ts). Decoders are expensive (the acoustic model is loaded into each: ~0.2-0.5 s, several
// MB), so they are pooled and handed back when a call ends; one that last served the same grammar is
// preferred, so a busy agent's calls skip even the grammar switch. Compiled grammars are cached by a
// hash of their content. Frames are decoded as they arrive, so finalize() only closes the search.
import { createHash } from "node:crypto";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type { Decoder, SoundSwallowerModule } from "soundswallower";
import { SAMPLE_RATE, type SttContext, type SttProvider, type SttResult, type SttStream } from "../types";
import { buildJsgf, FILLERS, GARBAGE_PREFIX, GARBAGE_WORDS, type GrammarOptions, grammarPhrases, grammarWords, PENALTY_WORD } from "./grammar";

const MODEL = "en-us";
// espeak and digitally silent lines give runs of exact zeros, whose log energy throws the model's
// features off (measured: most sentences misrecognised). Real lines always carry a little noise;
// adding ±16 of 32768 restores that and is far below anything audible on a phone.
const DITHER = 16;
const MAX_IDLE_DECODERS = 8;
const MAX_CACHED_GRAMMARS = 200;

interface CompiledGrammar {
  key: string;
  jsgf: string;
  /** Words the CMU dictionary lacks, with derived pronunciations, plus the garbage words' entries. */
  extraWords: [string, string][];
  /** Words of the phrases that could not be pronounced and were left out. */
  skipped: string[];
}

interface PooledDecoder {
  decoder: Decoder;
  grammarKey?: string;
  added: Set<string>;
}

export interface SphinxSttOptions extends GrammarOptions {
  /** Where soundswallower's models live (default: the package's own model/ folder). */
  modelBase?: string;
}

const VOICELESS = new Set(["P", "T", "K", "F", "TH"]);
const SIBILANT = new Set(["S", "Z", "SH", "ZH", "CH", "JH"]);

/** A pronunciation for a word the dictionary lacks: contractions of known words, or two known words run together. */
export function derivePronunciation(word: string, lookup: (w: string) => string | null): string | null {
  const contraction = /^(.+?)('s|'d|'ll|'re|'ve|'m|n't)$/.exec(word);
  if (contraction) {
    const [, base, suffix] = contraction as unknown as [string, string, string];
    const pron = lookup(base);
    if (pron) {
      const last = pron.split(" ").at(-1)!.replace(/\d/g, "");
      const tail: Record<string, string> = {
        "'s": SIBILANT.has(last) ? "IH Z" : VOICELESS.has(last) ? "S" : "Z",
        "'d": "D",
        "'ll": "L",
        "'re": "ER",
        "'ve": "V",
        "'m": "M",
        "n't": "N T",
      };
      return `${pron} ${tail[suffix]}`;
    }
  }
  for (let i = word.length - 2; i >= 2; i--) {
    const [a, b] = [lookup(word.slice(0, i)), lookup(word.slice(i))];
    if (a && b) return `${a} ${b}`;
  }
  return null;
}

function defaultModelBase(): string {
  const entry = createRequire(import.meta.url).resolve("soundswallower");
  return join(dirname(entry), "model") + "/";
}

export class SphinxStt implements SttProvider {
  readonly name = "sphinx";
  private module?: Promise<SoundSwallowerModule>;
  private readonly idle: PooledDecoder[] = [];
  private readonly grammars = new Map<string, CompiledGrammar>();
  private closed = false;

  constructor(private readonly opts: SphinxSttOptions = {}) {}

  /** Loads the WebAssembly module and one decoder now (servers call it at start-up). */
  async load(): Promise<void> {
    const pooled = await this.acquire();
    this.release(pooled);
  }

  async createStream(ctx: SttContext): Promise<SttStream> {
    if (this.closed) throw new Error("SphinxStt is closed");
    const pooled = await this.acquire(this.grammarKey(ctx));
    try {
      this.applyGrammar(pooled, this.compile(ctx, pooled.decoder));
    } catch (e) {
      this.release(pooled);
      throw e;
    }
    return new SphinxStream(pooled, (p) => this.release(p));
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const p of this.idle.splice(0)) p.decoder.delete();
    this.grammars.clear();
  }

  private loadModule(): Promise<SoundSwallowerModule> {
    this.module ??= import("soundswallower")
      // modelBase is read by the module at load but missing from its typings.
      .then((m) => m.default({ modelBase: this.opts.modelBase ?? defaultModelBase() } as Partial<SoundSwallowerModule>))
      .catch((e: unknown) => {
        this.module = undefined;
        throw new Error(`soundswallower failed to load: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
      });
    return this.module;
  }

  private async acquire(grammarKey?: string): Promise<PooledDecoder> {
    const same = this.idle.findIndex((p) => p.grammarKey === grammarKey);
    if (same >= 0) return this.idle.splice(same, 1)[0]!;
    const any = this.idle.pop();
    if (any) return any;
    const ss = await this.loadModule();
    const decoder = new ss.Decoder({
      hmm: ss.get_model_path(MODEL),
      dict: ss.get_model_path(MODEL) + "/dict.txt",
      samprate: SAMPLE_RATE,
      loglevel: "FATAL",
    });
    await decoder.initialize();
    return { decoder, added: new Set() };
  }

  private release(pooled: PooledDecoder): void {
    if (this.closed || this.idle.length >= MAX_IDLE_DECODERS) pooled.decoder.delete();
    else this.idle.push(pooled);
  }

  private grammarKey(ctx: SttContext): string {
    const phrases = grammarPhrases(ctx.phrases).map((p) => p.join(" "));
    const content = JSON.stringify({ model: MODEL, spelling: !!this.opts.spelling, weight: this.opts.garbageWordWeight, phrases });
    return createHash("sha256").update(content).digest("base64url");
  }

  private compile(ctx: SttContext, decoder: Decoder): CompiledGrammar {
    const key = this.grammarKey(ctx);
    const cached = this.grammars.get(key);
    if (cached) return cached;
    const lookup = (w: string) => decoder.lookup_word(w);
    const phrases = grammarPhrases(ctx.phrases);
    const extraWords: [string, string][] = [];
    const skipped = new Set<string>();
    for (const word of grammarWords(phrases, this.opts)) {
      if (lookup(word)) continue;
      const pron = derivePronunciation(word, lookup);
      if (pron) extraWords.push([word, pron]);
      else skipped.add(word);
    }
    for (const w of GARBAGE_WORDS) extraWords.push([GARBAGE_PREFIX + w, lookup(w)!]);
    extraWords.push(PENALTY_WORD);
    // A phrase keeps its pronounceable words: a name the model cannot say should not cost the rest.
    const usable = phrases.map((p) => p.filter((w) => !skipped.has(w))).filter((p) => p.length > 0);
    const grammar = { key, jsgf: buildJsgf(usable, this.opts), extraWords, skipped: [...skipped] };
    if (this.grammars.size >= MAX_CACHED_GRAMMARS) this.grammars.delete(this.grammars.keys().next().value!);
    this.grammars.set(key, grammar);
    return grammar;
  }

  private applyGrammar(pooled: PooledDecoder, grammar: CompiledGrammar): void {
    if (pooled.grammarKey === grammar.key) return;
    const missing = grammar.extraWords.filter(([w]) => !pooled.added.has(w));
    if (missing.length) {
      pooled.decoder.add_words(...missing);
      for (const [w] of missing) pooled.added.add(w);
    }
    pooled.grammarKey = undefined;
    pooled.decoder.set_grammar(grammar.jsgf);
    pooled.grammarKey = grammar.key;
  }
}

const FILLER_SET = new Set(FILLERS);

class SphinxStream implements SttStream {
  private started = false;
  private samples = 0;
  private scratch = new Float32Array(160);
  private seed = 0x2545f491;
  private closed = false;

  constructor(
    private readonly pooled: PooledDecoder,
    private readonly onClose: (p: PooledDecoder) => void,
  ) {}

  write(frame: Int16Array): void {
    if (this.closed) throw new Error("STT stream is closed");
    if (frame.length === 0) return;
    if (this.scratch.length < frame.length) this.scratch = new Float32Array(frame.length);
    const buf = this.scratch;
    let seed = this.seed;
    for (let i = 0; i < frame.length; i++) {
      seed = (Math.imul(seed, 1103515245) + 12345) | 0;
      buf[i] = (frame[i]! + ((seed >>> 16) / 65536 - 0.5) * 2 * DITHER) / 32768;
    }
    this.seed = seed;
    if (!this.started) {
      this.pooled.decoder.start();
      this.started = true;
    }
    this.pooled.decoder.process_audio(buf.subarray(0, frame.length), false, false);
    this.samples += frame.length;
  }

  partial(): string {
    if (!this.started) return "";
    return readHypothesis(this.pooled.decoder.get_text()).text;
  }

  finalize(): Promise<SttResult> {
    if (this.closed) return Promise.reject(new Error("STT stream is closed"));
    const audioSec = this.samples / SAMPLE_RATE;
    if (!this.started) return Promise.resolve({ text: "", understood: false, audioSec });
    this.pooled.decoder.stop();
    const hyp = readHypothesis(this.pooled.decoder.get_text());
    this.started = false;
    this.samples = 0;
    return Promise.resolve({ ...hyp, audioSec });
  }

  reset(): void {
    if (this.started) this.pooled.decoder.stop();
    this.started = false;
    this.samples = 0;
  }

  close(): void {
    if (this.closed) return;
    this.reset();
    this.closed = true;
    this.onClose(this.pooled);
  }
}

function readHypothesis(raw: string): { text: string; understood: boolean } {
  const words = raw.trim().split(/\s+/).filter(Boolean);
  if (words.some((w) => w.startsWith(GARBAGE_PREFIX))) return { text: "", understood: false };
  const text = words.filter((w) => !FILLER_SET.has(w)).join(" ");
  return { text, understood: text.length > 0 };
}
