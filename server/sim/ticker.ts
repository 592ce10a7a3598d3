// One clock for every simulated line in a process (the benchmark runs hundreds): a single
// self-correcting timer instead of one per call, so the callers' own timer drift does not show up as
// the server's jitter. Each line works out from its own start time how many frames it owes, so lines
// keep the phases they started with. The clock runs at a quarter frame: real calls' 20 ms frames
// arrive at every phase, and a 20 ms clock sent every line's frame in one burst (200 writes, ~10 ms of
// the callers' time in which no agent audio was read: their arrival times, and the server, saw bursts
// no real traffic makes).
import { FRAME_MS } from "../../lib/providers/speech/types";

export interface Tickable {
  tick(now: number): void;
}

export class Ticker {
  private readonly lines = new Set<Tickable>();
  private timer: NodeJS.Timeout | undefined;
  private next = 0;

  constructor(
    private readonly now: () => number = () => performance.now(),
    private readonly periodMs = FRAME_MS / 4,
  ) {}

  add(line: Tickable): () => void {
    this.lines.add(line);
    if (!this.timer) {
      this.next = this.now();
      this.schedule();
    }
    return () => {
      this.lines.delete(line);
      if (this.lines.size === 0) this.stop();
    };
  }

  private schedule(): void {
    this.next += this.periodMs;
    this.timer = setTimeout(() => this.run(), Math.max(0, this.next - this.now()));
  }

  private run(): void {
    const now = this.now();
    for (const line of this.lines) line.tick(now);
    // Fell far behind (a stalled loop): resynchronise instead of firing a burst of catch-up ticks.
    if (now - this.next > 5 * FRAME_MS) this.next = now;
    if (this.lines.size > 0) this.schedule();
    else this.timer = undefined;
  }

  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }
}
