// Millisecond distributions the simulator and the benchmark report (pacing jitter, reply latency,
// barge-in → clear). A fixed-bucket histogram: 200 callers × 50 frames a second would make raw sample
// arrays large, and the callers' process ships these to the benchmark as JSON.
export class Histogram {
  /** Bucket i counts values in [i·res, (i+1)·res); the last bucket holds everything above the range. */
  readonly counts: number[];
  count = 0;
  max = 0;
  sum = 0;

  constructor(
    readonly resolutionMs = 0.1,
    readonly rangeMs = 2000,
  ) {
    this.counts = new Array<number>(Math.ceil(rangeMs / resolutionMs) + 1).fill(0);
  }

  add(ms: number): void {
    const v = ms < 0 ? 0 : ms;
    const i = Math.min(this.counts.length - 1, Math.floor(v / this.resolutionMs));
    this.counts[i]!++;
    this.count++;
    this.sum += v;
    if (v > this.max) this.max = v;
  }

  merge(other: HistogramJson): void {
    if (other.resolutionMs !== this.resolutionMs || other.counts.length !== this.counts.length) {
      throw new RangeError("Histogram.merge: different bucket layouts");
    }
    for (let i = 0; i < other.counts.length; i++) this.counts[i]! += other.counts[i]!;
    this.count += other.count;
    this.sum += other.sum;
    this.max = Math.max(this.max, other.max);
  }

  /** Upper edge of the bucket holding the p-th percentile (0..100); NaN when empty. */
  percentile(p: number): number {
    if (this.count === 0) return NaN;
    const rank = Math.max(1, Math.ceil((p / 100) * this.count));
    let seen = 0;
    for (let i = 0; i < this.counts.length; i++) {
      seen += this.counts[i]!;
      if (seen >= rank) return i === this.counts.length - 1 ? this.max : Math.min(this.max, (i + 1) * this.resolutionMs);
    }
    return this.max;
  }

  toJSON(): HistogramJson {
    return { resolutionMs: this.resolutionMs, rangeMs: this.rangeMs, counts: this.counts, count: this.count, max: this.max, sum: this.sum };
  }

  static fromJSON(j: HistogramJson): Histogram {
    const h = new Histogram(j.resolutionMs, j.rangeMs);
    h.merge(j);
    return h;
  }
}

export interface HistogramJson {
  resolutionMs: number;
  rangeMs: number;
  counts: number[];
  count: number;
  max: number;
  sum: number;
}

/** "12.3" / "n/a": for printed tables. */
export const fmtMs = (v: number): string => (Number.isFinite(v) ? v.toFixed(1) : "n/a");
