// Local speech recognition: CMU Sphinx (soundswallower, WebAssembly) with its 8 kHz US-English model,
// decoding against a grammar built per agent from the phrases its callers are expected to say
// (grammar.ts). A decoder holds the acoustic model in WebAssembly memory (~8 MB, ~40 ms to load;
// with the 134k-word CMU dictionary inside it was ~25 MB and ~0.3 s, so the dictionary is read once
// into a JS map and each decoder gets only the words of the grammars it serves). A call needs a
// decoder only while its caller speaks (the engine feeds the
// recogniser during speech and the endpoint wait, then finalizes or resets). So a stream holds none:
// it takes one from a shared pool at the first frame of an utterance and hands it back when the
// utterance ends, and a few decoders serve many calls. An idle decoder that last served the same
// grammar is preferred (no grammar switch); idle ones beyond a cap are freed, least recently used
// first. Compiled grammars are cached by a hash of their content. Frames are decoded as they arrive,
// so finalize() only closes the search.
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type { Decoder, SoundSwallowerModule } from "soundswallower";
import { type AnswerKind, SAMPLE_RATE, type SttContext, type SttProvider, type SttResult, type SttStream } from "../types";
import { buildJsgf, FILLERS, GARBAGE_PREFIX, GARBAGE_WORDS, type GrammarOptions, grammarPhrases, grammarWords, PENALTY_WORD } from "./grammar";

const MODEL = "en-us";
// Digitally silent audio (synthetic speech, a VoIP leg with silence suppression, a muted phone) gives
// runs of exact zeros, whose log energy throws the model's features off: real lines always carry a
// little noise, and adding some (about -59 dBFS, below a phone line's own hiss) restores that. ±16
// was enough for bare utterances but not for what a call feeds the recogniser (the VAD pre-roll before
// the speech, the endpoint wait after it): `npm run bench:stt -- --sentences 15 --line-noise 0` on
// 2026-12-02, exact 24 of 180 at ±16, 81 at ±64, 92 at ±128, 88 at ±256; on a noisy line
// (--line-noise 100) 93 at ±16 and at ±64, 96 at ±128, out-of-grammar refused 31, 29 and 29 of 40.
// ±64 rather than ±128: the latter misheard an end-to-end call's stored rendition that ±16 and ±64
// decode (server/voice/knowledge-voice-call.db.test.ts), and on a noisy line the two differ by 3 of
// 180, within the spread from one set of renditions to the next.
const DITHER = 64;
// Idle decoders kept for the next utterance, across all grammars. A busy server's pool settles at the
// number of callers speaking at the same moment. Freeing one gains little: soundswallower 0.6.3 keeps
// ~7 of a decoder's ~8 MB of WebAssembly heap after decoder_free (measured: the heap grows by that much
// per create/free cycle, and a WebAssembly heap never shrinks), and re-creating costs ~40 ms of CPU;
// so the cap is generous, and is there for a burst well above the usual number of speakers.
const MAX_IDLE_DECODERS = 16;
// Two per agent: with and without a bare digit run (AnswerKind).
const MAX_CACHED_GRAMMARS = 400;
// Compiled in this order: the decoder that checks them is left on the grammar a stream starts with.
const ANSWER_KINDS: readonly AnswerKind[] = ["number", "open"];

interface CompiledGrammar {
  key: string;
  jsgf: string;
  /** Every word the grammar uses with its pronunciations (alternates as "word(2)"), for add_words. */
  words: [string, string][];
  /** Words of the phrases that could not be pronounced and were left out. */
  skipped: string[];
}

interface PooledDecoder {
  decoder: Decoder;
  grammarKey?: string;
  added: Set<string>;
}

/**
 * Search pruning tighter than soundswallower's own (beam and pbeam 1e-48, maxhmmpf 30000): with an
 * agent's grammar the wide search mostly kept hypotheses that lose. `npm run bench:stt -- --sentences 40`
 * on 2026-12-02: 169 of 430 in-grammar utterances exact (was 151), word error 55.0% (57.8%), the same
 * 24 of 40 out-of-grammar refused, 91.5 ms CPU per second of speech (103.6); at 20 sentences 78.8 vs
 * 93.8 ms. Tighter still (beams 1e-30, wbeam 1e-20) let out-of-grammar speech through (21 of 40 refused).
 * Those runs fed bare utterances; fed as a call feeds them (the silence before and after, a line's
 * noise: the bench's defaults since) at 15 sentences: 93 of 180 exact against 96 with soundswallower's
 * wide search, the same 31 of 40 refused, 74 against 79 ms CPU per second of audio. Keep silprob at
 * its default: at 1e-5 bare utterances gained (59% exact against 40%) but calls lost (18% against 52%),
 * the silence around the speech had then to be explained as words.
 */
const SEARCH_DEFAULTS = { maxhmmpf: 1000, beam: 1e-40, pbeam: 1e-40 } as const;

export interface SphinxSttOptions extends GrammarOptions {
  /** Where soundswallower's models live (default: the package's own model/ folder). */
  modelBase?: string;
  /** Idle decoders kept across all grammars (default 4); the least recently used beyond it are freed. */
  maxIdleDecoders?: number;
  /** Search settings over SEARCH_DEFAULTS (`npm run bench:stt` compares them). */
  decoderConfig?: Record<string, string | number | boolean>;
  /** Peak of the noise added to every sample (16-bit units; default DITHER). */
  dither?: number;
}

/** The decoder pool, for tests and capacity measurements. */
export interface SphinxStats {
  /** Decoders serving an utterance now. */
  busy: number;
  /** Decoders waiting in the pool. */
  idle: number;
  /** Utterances waiting for a decoder (one started while none was idle). */
  waiting: number;
  /** Decoders being created for them (one at a time). */
  creating: number;
  /** Decoders created and freed since start. */
  created: number;
  freed: number;
  /** Times an idle decoder was switched to another grammar. */
  grammarSwitches: number;
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
  /** Least recently released first. */
  private readonly idle: PooledDecoder[] = [];
  private readonly grammars = new Map<string, CompiledGrammar>();
  private readonly maxIdle: number;
  private compiling: Promise<unknown> = Promise.resolve();
  private lexicon?: Promise<Map<string, string>>;
  private readonly waiters: { grammar: CompiledGrammar; resolve: (p: PooledDecoder) => void; reject: (e: unknown) => void }[] = [];
  private pumping = false;
  private counts = { busy: 0, creating: 0, created: 0, freed: 0, grammarSwitches: 0 };
  private closed = false;

  constructor(private readonly opts: SphinxSttOptions = {}) {
    this.maxIdle = opts.maxIdleDecoders ?? MAX_IDLE_DECODERS;
  }

  /** Loads the WebAssembly module and one decoder now (servers call it at start-up). */
  async load(): Promise<void> {
    this.release(await this.checkout());
  }

  async createStream(ctx: SttContext): Promise<SttStream> {
    if (this.closed) throw new Error("SphinxStt is closed");
    // The agent's grammar in both forms (with and without a bare digit run), compiled now: a stream
    // switches between them from one utterance to the next as the agent asks for a number or not.
    const grammars = {} as Record<AnswerKind, CompiledGrammar>;
    for (const answer of ANSWER_KINDS) {
      const key = this.grammarKey(ctx, answer);
      grammars[answer] = this.grammars.get(key) ?? (await this.compileOnce(key, ctx, answer));
    }
    return new SphinxStream({ acquire: (answer) => this.acquire(grammars[answer]), release: (p) => this.release(p) }, this.opts.dither ?? DITHER);
  }

  stats(): SphinxStats {
    const { busy, creating, created, freed, grammarSwitches } = this.counts;
    return { busy, idle: this.idle.length, waiting: this.waiters.length, creating, created, freed, grammarSwitches };
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const w of this.waiters.splice(0)) w.reject(new Error("SphinxStt is closed"));
    for (const p of this.idle.splice(0)) this.free(p);
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

  /**
   * Compiles run one at a time, so that calls arriving together for a new agent compile its grammar
   * once, and check it on one decoder instead of each creating one.
   */
  private compileOnce(key: string, ctx: SttContext, answer: AnswerKind): Promise<CompiledGrammar> {
    const run = this.compiling.then(async () => {
      const cached = this.grammars.get(key);
      if (cached) return cached;
      const lexicon = await this.loadLexicon();
      const pooled = await this.checkout();
      try {
        const grammar = this.compile(key, ctx, lexicon, answer);
        // Setting it checks it, so a bad grammar fails here rather than at the caller's first word.
        this.applyGrammar(pooled, grammar);
        this.cacheGrammar(grammar);
        return grammar;
      } finally {
        this.release(pooled);
      }
    });
    this.compiling = run.catch(() => undefined);
    return run;
  }

  /** A decoder set to `grammar`: an idle one at once, else the next one released or created. */
  private acquire(grammar: CompiledGrammar): PooledDecoder | Promise<PooledDecoder> {
    const now = this.take(grammar);
    if (now) return now;
    return new Promise((resolve, reject) => {
      this.waiters.push({ grammar, resolve, reject });
      void this.pump();
    });
  }

  /**
   * Creates decoders one at a time while utterances wait. In parallel, a burst of callers starting to
   * speak together had every model file loaded into the heap at once (measured: a 208 MB heap for 10
   * decoders, against ~80 MB one after the other), and a decoder released meanwhile serves the first
   * waiter anyway.
   */
  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    try {
      while (this.waiters.length > 0 && !this.closed) {
        let pooled: PooledDecoder;
        try {
          pooled = await this.create();
        } catch (e) {
          for (const w of this.waiters.splice(0)) w.reject(e);
          return;
        }
        this.counts.busy++;
        this.release(pooled);
      }
    } finally {
      this.pumping = false;
    }
  }

  /** An idle decoder set to `grammar`, or undefined if the pool is empty. */
  private take(grammar: CompiledGrammar): PooledDecoder | undefined {
    if (this.closed) throw new Error("SphinxStt is closed");
    let at = this.idle.findLastIndex((p) => p.grammarKey === grammar.key);
    // Otherwise the one idle longest: its grammar is the least likely to be wanted again soon.
    if (at < 0 && this.idle.length > 0) at = 0;
    if (at < 0) return undefined;
    const pooled = this.idle.splice(at, 1)[0]!;
    try {
      return this.prepare(pooled, grammar);
    } catch (e) {
      this.free(pooled);
      throw e;
    }
  }

  private async checkout(): Promise<PooledDecoder> {
    const pooled = this.idle.pop() ?? (await this.create());
    this.counts.busy++;
    return pooled;
  }

  private prepare(pooled: PooledDecoder, grammar: CompiledGrammar): PooledDecoder {
    this.counts.busy++;
    try {
      this.applyGrammar(pooled, grammar);
    } catch (e) {
      this.counts.busy--;
      throw e;
    }
    return pooled;
  }

  private async create(): Promise<PooledDecoder> {
    this.counts.creating++;
    try {
      const ss = await this.loadModule();
      const decoder = new ss.Decoder({
        hmm: ss.get_model_path(MODEL),
        // An empty dictionary (applyGrammar adds the words each grammar needs). The typings lack the
        // null that the config parser reads as "none".
        dict: null as unknown as string,
        samprate: SAMPLE_RATE,
        loglevel: "FATAL",
        ...SEARCH_DEFAULTS,
        ...this.opts.decoderConfig,
      });
      try {
        await decoder.initialize();
      } catch (e) {
        decoder.delete();
        throw e;
      }
      this.counts.created++;
      return { decoder, added: new Set() };
    } finally {
      this.counts.creating--;
    }
  }

  /** Hands a busy decoder back (its utterance is stopped): to the first waiting utterance, or the pool. */
  private release(pooled: PooledDecoder): void {
    this.counts.busy--;
    if (this.closed) return this.free(pooled);
    const waiter = this.waiters.shift();
    if (waiter) {
      let prepared: PooledDecoder;
      try {
        prepared = this.prepare(pooled, waiter.grammar);
      } catch (e) {
        this.free(pooled);
        return waiter.reject(e);
      }
      return waiter.resolve(prepared);
    }
    this.idle.push(pooled);
    while (this.idle.length > this.maxIdle) this.free(this.idle.shift()!);
  }

  /** decoder_free: the decoder is gone, though most of its heap is not reusable (see MAX_IDLE_DECODERS). */
  private free(pooled: PooledDecoder): void {
    pooled.decoder.delete();
    this.counts.freed++;
  }

  private grammarKey(ctx: SttContext, answer: AnswerKind): string {
    const phrases = grammarPhrases(ctx.phrases).map((p) => p.join(" "));
    const content = JSON.stringify({ model: MODEL, spelling: !!this.opts.spelling, weight: this.opts.garbageWordWeight, answer, phrases });
    return createHash("sha256").update(content).digest("base64url");
  }

  /** The CMU dictionary, word (alternates as "word(2)") → phones. */
  private loadLexicon(): Promise<Map<string, string>> {
    this.lexicon ??= this.loadModule()
      .then((ss) => readFile(ss.get_model_path(MODEL) + "/dict.txt", "utf8"))
      .then((text) => {
        const map = new Map<string, string>();
        for (const line of text.split("\n")) {
          const space = line.indexOf(" ");
          if (space > 0) map.set(line.slice(0, space), line.slice(space + 1).trim());
        }
        return map;
      })
      .catch((e: unknown) => {
        this.lexicon = undefined;
        throw new Error(`soundswallower dictionary failed to load: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
      });
    return this.lexicon;
  }

  private compile(key: string, ctx: SttContext, lexicon: Map<string, string>, answer: AnswerKind): CompiledGrammar {
    const lookup = (w: string) => lexicon.get(w) ?? null;
    const phrases = grammarPhrases(ctx.phrases);
    const words: [string, string][] = [];
    const skipped = new Set<string>();
    for (const word of grammarWords(phrases, this.opts)) {
      const pron = lookup(word);
      if (pron) {
        words.push([word, pron]);
        for (let alt = 2, p: string | null; (p = lookup(`${word}(${alt})`)); alt++) words.push([`${word}(${alt})`, p]);
        continue;
      }
      const derived = derivePronunciation(word, lookup);
      if (derived) words.push([word, derived]);
      else skipped.add(word);
    }
    for (const w of GARBAGE_WORDS) words.push([GARBAGE_PREFIX + w, lookup(w)!]);
    words.push(PENALTY_WORD);
    // A phrase keeps its pronounceable words: a name the model cannot say should not cost the rest.
    const usable = phrases.map((p) => p.filter((w) => !skipped.has(w))).filter((p) => p.length > 0);
    return { key, jsgf: buildJsgf(usable, this.opts, answer), words, skipped: [...skipped] };
  }

  private cacheGrammar(grammar: CompiledGrammar): void {
    if (this.grammars.size >= MAX_CACHED_GRAMMARS) this.grammars.delete(this.grammars.keys().next().value!);
    this.grammars.set(grammar.key, grammar);
  }

  private applyGrammar(pooled: PooledDecoder, grammar: CompiledGrammar): void {
    if (pooled.grammarKey === grammar.key) return;
    if (pooled.grammarKey !== undefined) this.counts.grammarSwitches++;
    const missing = grammar.words.filter(([w]) => !pooled.added.has(w));
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

interface DecoderSource {
  acquire(answer: AnswerKind): PooledDecoder | Promise<PooledDecoder>;
  release(p: PooledDecoder): void;
}

/**
 * One caller utterance. It gets a decoder at its first frame: an idle one at once, or else the next
 * one released or created (tens of milliseconds); frames that arrive meanwhile are kept and decoded
 * when it comes. Ending it (finalize, reset) gives the decoder back.
 */
class Utterance {
  pooled?: PooledDecoder;
  samples = 0;
  private waiting: Float32Array[] = [];
  private ready: Promise<void> = Promise.resolve();
  private failure?: unknown;
  private dropped = false;

  constructor(
    private readonly source: DecoderSource,
    answer: AnswerKind,
  ) {
    const pooled = source.acquire(answer);
    if (!(pooled instanceof Promise)) this.attach(pooled);
    else
      this.ready = pooled
        .then((p) => this.adopt(p))
        .catch((e: unknown) => {
          this.failure = e;
          this.waiting = [];
        });
  }

  write(pcm: Float32Array): void {
    this.samples += pcm.length;
    if (this.pooled) this.pooled.decoder.process_audio(pcm, false, false);
    else if (this.failure === undefined) this.waiting.push(pcm.slice());
  }

  partial(): string {
    return this.pooled ? readHypothesis(this.pooled.decoder.get_text()).text : "";
  }

  async finish(): Promise<{ text: string; understood: boolean }> {
    await this.ready;
    if (this.failure !== undefined) throw this.failure;
    const pooled = this.pooled!;
    this.pooled = undefined;
    try {
      pooled.decoder.stop();
      return readHypothesis(pooled.decoder.get_text());
    } finally {
      this.source.release(pooled);
    }
  }

  drop(): void {
    this.dropped = true;
    this.waiting = [];
    const pooled = this.pooled;
    this.pooled = undefined;
    if (!pooled) return;
    try {
      pooled.decoder.stop();
    } finally {
      this.source.release(pooled);
    }
  }

  private adopt(pooled: PooledDecoder): void {
    if (this.dropped) return this.source.release(pooled);
    this.attach(pooled);
    const waiting = this.waiting;
    this.waiting = [];
    for (const pcm of waiting) pooled.decoder.process_audio(pcm, false, false);
  }

  private attach(pooled: PooledDecoder): void {
    try {
      pooled.decoder.start();
    } catch (e) {
      this.source.release(pooled);
      throw e;
    }
    this.pooled = pooled;
  }
}

class SphinxStream implements SttStream {
  readonly closedVocabulary = true;
  private utterance?: Utterance;
  private scratch = new Float32Array(160);
  private seed = 0x2545f491;
  private answer: AnswerKind = "open";
  private closed = false;

  constructor(
    private readonly source: DecoderSource,
    private readonly dither: number,
  ) {}

  write(frame: Int16Array): void {
    if (this.closed) throw new Error("STT stream is closed");
    if (frame.length === 0) return;
    if (this.scratch.length < frame.length) this.scratch = new Float32Array(frame.length);
    const buf = this.scratch;
    const dither = this.dither;
    let seed = this.seed;
    for (let i = 0; i < frame.length; i++) {
      seed = (Math.imul(seed, 1103515245) + 12345) | 0;
      buf[i] = (frame[i]! + ((seed >>> 16) / 65536 - 0.5) * 2 * dither) / 32768;
    }
    this.seed = seed;
    this.utterance ??= new Utterance(this.source, this.answer);
    this.utterance.write(buf.subarray(0, frame.length));
  }

  partial(): string {
    return this.utterance?.partial() ?? "";
  }

  finalize(): Promise<SttResult> {
    if (this.closed) return Promise.reject(new Error("STT stream is closed"));
    const utterance = this.utterance;
    if (!utterance) return Promise.resolve({ text: "", understood: false, audioSec: 0 });
    // The next frame starts the next utterance, even while this one waits for its decoder.
    this.utterance = undefined;
    const audioSec = utterance.samples / SAMPLE_RATE;
    return utterance.finish().then((hyp) => ({ ...hyp, audioSec }));
  }

  reset(): void {
    const utterance = this.utterance;
    this.utterance = undefined;
    utterance?.drop();
  }

  expectAnswer(kind: AnswerKind): void {
    this.answer = kind;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.reset();
  }
}

function readHypothesis(raw: string): { text: string; understood: boolean } {
  const words = raw.trim().split(/\s+/).filter(Boolean);
  if (words.some((w) => w.startsWith(GARBAGE_PREFIX))) return { text: "", understood: false };
  const text = words.filter((w) => !FILLER_SET.has(w)).join(" ");
  return { text, understood: text.length > 0 };
}
