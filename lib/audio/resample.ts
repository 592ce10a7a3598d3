// Sample-rate conversion between rational rates (espeak's 22050 Hz → telephone 8000 Hz is 441:160).
// A polyphase windowed-sinc filter: output k sits at input time k·M/L, whose fractional part takes
// only L values, so one Kaiser-windowed sinc per phase is computed up front and each output sample is
// a dot product. The low-pass sits just under the lower Nyquist so nothing above 4 kHz folds back
// into the telephone band. Streaming: push() chunks as they come, flush() at the end of the audio.

const KAISER_BETA = 8.6; // ≈ 85 dB stop-band attenuation
const ZERO_CROSSINGS = 24; // filter half-length, in samples of the lower rate
const CUTOFF = 0.94; // of the lower Nyquist frequency
const MAX_PHASES = 4096;

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}

// Zeroth-order modified Bessel function of the first kind (for the Kaiser window).
function besselI0(x: number): number {
  let sum = 1;
  let term = 1;
  for (let k = 1; k < 50; k++) {
    term *= (x / (2 * k)) ** 2;
    sum += term;
    if (term < sum * 1e-12) break;
  }
  return sum;
}

interface Filter {
  up: number; // L
  down: number; // M
  half: number; // W: taps on each side of the output time, in input samples
  /** phases × 2W coefficients; phase p's taps apply to input samples n-W+1 … n+W. */
  coefs: Float32Array;
}

const filters = new Map<string, Filter>();

function designFilter(inRate: number, outRate: number): Filter {
  const key = `${inRate}:${outRate}`;
  const cached = filters.get(key);
  if (cached) return cached;
  const g = gcd(inRate, outRate);
  const up = outRate / g;
  const down = inRate / g;
  if (up > MAX_PHASES) throw new RangeError(`resample: ${inRate} → ${outRate} Hz needs ${up} filter phases (max ${MAX_PHASES})`);
  // Cutoff as a fraction of the input rate; a downsampler's filter widens in input samples accordingly.
  const fc = (CUTOFF * Math.min(inRate, outRate)) / 2 / inRate;
  const half = Math.ceil(ZERO_CROSSINGS * Math.max(1, inRate / outRate));
  const taps = 2 * half;
  const coefs = new Float32Array(up * taps);
  const i0Beta = besselI0(KAISER_BETA);
  for (let p = 0; p < up; p++) {
    const frac = p / up;
    let sum = 0;
    for (let j = 0; j < taps; j++) {
      const x = j - half + 1 - frac; // distance from the output time, in input samples
      const sinc = x === 0 ? 2 * fc : Math.sin(2 * Math.PI * fc * x) / (Math.PI * x);
      const r = x / half;
      const w = Math.abs(r) >= 1 ? 0 : besselI0(KAISER_BETA * Math.sqrt(1 - r * r)) / i0Beta;
      const c = sinc * w;
      coefs[p * taps + j] = c;
      sum += c;
    }
    // Unity gain at DC for every phase, or the output would ripple at the phase-cycle rate.
    for (let j = 0; j < taps; j++) coefs[p * taps + j]! /= sum;
  }
  const filter = { up, down, half, coefs };
  filters.set(key, filter);
  return filter;
}

export interface Resampler {
  readonly inRate: number;
  readonly outRate: number;
  /** Resamples the next chunk; returns what can be produced so far (the filter holds back ~W samples). */
  push(input: Int16Array): Int16Array;
  /** Drains the held-back tail; the resampler is then ready for a new stream. */
  flush(): Int16Array;
}

export function createResampler(inRate: number, outRate: number): Resampler {
  if (!Number.isInteger(inRate) || !Number.isInteger(outRate) || inRate <= 0 || outRate <= 0) {
    throw new RangeError(`resample: rates must be positive integers (got ${inRate} → ${outRate})`);
  }
  const { up, down, half, coefs } = designFilter(inRate, outRate);
  const taps = 2 * half;
  // hist[0] is input sample number histStart; it starts with W-1 zeros of history before sample 0.
  let hist = new Float32Array(0);
  let histStart = 0;
  let totalIn = 0;
  let n = 0; // integer part of the next output's input time
  let phase = 0; // its fractional part, in 1/L steps

  function reset(): void {
    hist = new Float32Array(half - 1);
    histStart = -(half - 1);
    totalIn = 0;
    n = 0;
    phase = 0;
  }
  reset();

  function append(input: Int16Array | Float32Array): void {
    const next = new Float32Array(hist.length + input.length);
    next.set(hist);
    next.set(input, hist.length);
    hist = next;
  }

  function produce(limit: number): Int16Array {
    const available = histStart + hist.length; // one past the last input sample held
    const bound = Math.max(0, Math.ceil(((Math.min(available - half, limit) - n) * up) / down) + 1);
    const out = new Int16Array(bound);
    let count = 0;
    // Output at n reads inputs n-W+1 … n+W.
    while (n + half < available && n < limit && count < bound) {
      const base = n - half + 1 - histStart;
      const off = phase * taps;
      let acc = 0;
      for (let j = 0; j < taps; j++) acc += hist[base + j]! * coefs[off + j]!;
      const s = Math.round(acc);
      out[count++] = s > 32767 ? 32767 : s < -32768 ? -32768 : s;
      phase += down;
      n += Math.floor(phase / up);
      phase %= up;
    }
    // Keep only the history the next output needs.
    const keepFrom = n - half + 1 - histStart;
    if (keepFrom > 0) {
      hist = hist.slice(keepFrom);
      histStart += keepFrom;
    }
    return out.subarray(0, count);
  }

  return {
    inRate,
    outRate,
    push(input) {
      if (input.length === 0) return new Int16Array(0);
      append(input);
      totalIn += input.length;
      return produce(Number.POSITIVE_INFINITY);
    },
    flush() {
      append(new Float32Array(half));
      const tail = produce(totalIn);
      reset();
      return tail;
    },
  };
}

/** Resamples a whole signal in one go. */
export function resample(input: Int16Array, inRate: number, outRate: number): Int16Array {
  if (inRate === outRate) return input.slice();
  const r = createResampler(inRate, outRate);
  const head = r.push(input);
  const tail = r.flush();
  const out = new Int16Array(head.length + tail.length);
  out.set(head);
  out.set(tail, head.length);
  return out;
}
