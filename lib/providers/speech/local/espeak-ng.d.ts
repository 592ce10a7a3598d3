// Types for the parts of the espeak-ng Emscripten build (a plain ESM file without types) that
// espeak-worker.ts uses.
declare module "@echogarden/espeak-ng-emscripten" {
  export interface EspeakNgWorker {
    /** 0 on success, non-zero when the voice does not exist (the previous voice stays). */
    set_voice(name: string): number;
    set_rate(wordsPerMinute: number): number;
    get_samplerate(): number;
    /** Calls back with 16-bit PCM chunks as they are produced; return true from the callback to stop. */
    synthesize(text: string, callback: (pcm: Int16Array, events: unknown[]) => boolean): void;
  }
  export interface EspeakNgModule {
    eSpeakNGWorker: new () => EspeakNgWorker;
  }
  const createModule: () => Promise<EspeakNgModule>;
  export default createModule;
}
