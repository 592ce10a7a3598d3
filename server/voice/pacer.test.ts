import { afterEach, describe, expect, it, vi } from "vitest";
import { createPacer, histogramPercentile, type PacedStream } from "./pacer";

/** A stream with `frames` queued that records when each frame was sent (on the fake clock). */
class FakeStream implements PacedStream {
  sentAt: number[] = [];
  ticks = 0;
  constructor(
    public queued: number,
    private readonly clock: { t: number },
  ) {}
  framesReady() {
    return this.queued;
  }
  pump(n: number) {
    const k = Math.min(n, this.queued);
    for (let i = 0; i < k; i++) this.sentAt.push(this.clock.t);
    this.queued -= k;
    return k;
  }
  tick() {
    this.ticks++;
  }
}

function setup(opts: { targetLeadMs?: number; maxLeadMs?: number } = {}) {
  const clock = { t: 1000 };
  // The figures below are worked out for an 80 ms lead (100 at most), whatever the defaults are.
  const pacer = createPacer({ now: () => clock.t, targetLeadMs: 80, maxLeadMs: 100, ...opts });
  pacer.stop(); // the tests drive ticks by hand
  const tickAt = (t: number) => {
    clock.t = t;
    pacer.runTick();
  };
  return { clock, pacer, tickAt };
}

afterEach(() => {
  vi.useRealTimers();
});

describe("pacer", () => {
  it("fills the far end's buffer to the target lead, then sends one frame per on-time tick", () => {
    const { clock, pacer, tickAt } = setup({ targetLeadMs: 80, maxLeadMs: 100 });
    const s = new FakeStream(100, clock);
    pacer.add(s);
    tickAt(1000);
    expect(s.sentAt.length).toBe(4); // 80 ms buffered at once
    for (let k = 1; k <= 40; k++) {
      // ticks wobble by a few ms either way, as timers do
      tickAt(1000 + k * 20 + (k % 3) - 1);
      expect(s.sentAt.length).toBe(4 + k);
      // never more buffered than the max lead: audio sent − time elapsed
      expect(s.sentAt.length * 20 - (clock.t - 1000)).toBeLessThanOrEqual(100);
    }
    expect(pacer.stats.framesSent).toBe(44);
    expect(pacer.stats.underruns).toBe(0);
    // spacing error is at most the wobble (2 ms), never a 0/40 ms flip
    expect(histogramPercentile(pacer.stats.jitterMs, 100)).toBeLessThanOrEqual(3);
    expect(s.ticks).toBe(41);
  });

  it("catches up after a late tick without exceeding the max lead, and records the jitter", () => {
    const { clock, pacer, tickAt } = setup({ targetLeadMs: 80, maxLeadMs: 100 });
    const s = new FakeStream(100, clock);
    pacer.add(s);
    tickAt(0);
    tickAt(20);
    tickAt(40);
    expect(s.sentAt.length).toBe(6);
    tickAt(75); // 15 ms late: lead was 45 ms; one frame, the lead absorbs the rest
    expect(s.sentAt.length).toBe(7);
    tickAt(80); // the next tick on schedule is back to the full lead
    expect(s.sentAt.length).toBe(8);
    expect(s.sentAt.length * 20 - 80).toBe(80);
    tickAt(135); // 35 ms late: the far end is more than a frame short, so two frames go
    expect(s.sentAt.length).toBe(10);
    expect(s.sentAt.length * 20 - 135).toBeLessThanOrEqual(100);
    const j = pacer.stats.jitterMs;
    expect(j[0]).toBe(2); // the two on-time ticks
    expect(j[15]).toBe(2); // 35 ms after the previous frame, then 5 ms after it
    expect(j[35]).toBe(1); // 55 ms after the previous frame
    expect(j[20]).toBe(1); // the catch-up frame in the same tick
    expect(pacer.stats.underruns).toBe(0);
  });

  it("counts an underrun when a stall let the far end run dry with audio queued", () => {
    const { clock, pacer, tickAt } = setup();
    const s = new FakeStream(100, clock);
    pacer.add(s);
    tickAt(0); // 80 ms buffered
    tickAt(200); // stalled for 200 ms
    expect(pacer.stats.underruns).toBe(1);
    expect(s.sentAt.length).toBe(8); // a fresh fill, not a burst of everything missed
  });

  it("a stream that runs out starts its next run with a fill, and marks still flow with no frames", () => {
    const { clock, pacer, tickAt } = setup();
    const s = new FakeStream(2, clock);
    const pumps: number[] = [];
    const orig = s.pump.bind(s);
    s.pump = (n) => (pumps.push(n), orig(n));
    pacer.add(s);
    tickAt(0);
    tickAt(20);
    expect(pumps).toEqual([2, 0]); // pump(0) lets the stream send marks due with no audio
    s.queued = 10;
    tickAt(300);
    expect(s.sentAt.length).toBe(6);
    expect(pacer.stats.underruns).toBe(0); // running out of audio is not a pacing fault
  });

  it("after the far end was flushed (clear, pause) the next audio opens with a full lead, not a trickle", () => {
    const { clock, pacer, tickAt } = setup();
    const s = new FakeStream(100, clock);
    const reg = pacer.add(s);
    tickAt(0); // 80 ms buffered
    tickAt(20);
    const before = s.sentAt.length;
    reg.flushed(); // Twilio dropped those 80 ms
    tickAt(30);
    expect(s.sentAt.length - before).toBe(4); // a fresh fill at once: the caller hears no gap
    tickAt(50);
    tickAt(70);
    expect(pacer.stats.underruns).toBe(0);
  });

  it("paces many streams independently; removal is immediate, also from inside a tick", () => {
    const { clock, pacer, tickAt } = setup();
    const streams = Array.from({ length: 50 }, () => new FakeStream(1000, clock));
    const regs = streams.map((s) => pacer.add(s));
    // stream 7 unregisters itself while being paced
    const selfRemoving = streams[7]!;
    selfRemoving.tick = () => regs[7]!.remove();
    for (let k = 0; k < 10; k++) tickAt(k * 20);
    expect(pacer.size).toBe(49);
    for (const [i, s] of streams.entries()) expect(s.sentAt.length, `stream ${i}`).toBe(i === 7 ? 0 : 13);
    regs[3]!.remove();
    regs[3]!.remove();
    tickAt(200);
    expect(pacer.size).toBe(48);
    expect(streams[3]!.sentAt.length).toBe(13);
    expect(streams[4]!.sentAt.length).toBe(14);
  });

  it("one stream throwing does not stop the others", () => {
    const { clock, pacer, tickAt } = setup();
    const bad = new FakeStream(10, clock);
    bad.pump = () => {
      throw new Error("boom");
    };
    const good = new FakeStream(10, clock);
    pacer.add(bad);
    pacer.add(good);
    tickAt(0);
    expect(good.sentAt.length).toBe(4);
  });

  it("runs one self-correcting timer while streams are registered", () => {
    vi.useFakeTimers();
    const pacer = createPacer({ now: () => Date.now(), targetLeadMs: 80, maxLeadMs: 100 });
    const s = new FakeStream(1000, { get t() { return Date.now(); } });
    const reg = pacer.add(s);
    vi.advanceTimersByTime(1000);
    expect(pacer.stats.ticks).toBe(50);
    expect(s.sentAt.length).toBe(50 + 3); // the fill, then one per tick
    expect(pacer.stats.lateTicks).toBe(0);
    reg.remove();
    vi.advanceTimersByTime(1000);
    expect(pacer.stats.ticks).toBe(50); // no streams, no timer
    expect(vi.getTimerCount()).toBe(0);
  });

  it("poll runs a due tick at once and keeps the timer's schedule: no tick twice, none early", () => {
    vi.useFakeTimers();
    const clock = { t: 0 };
    const pacer = createPacer({ now: () => clock.t, targetLeadMs: 80, maxLeadMs: 100 });
    const s = new FakeStream(1000, clock);
    pacer.add(s); // the timer's first tick is due at 20 ms
    clock.t = 19;
    pacer.poll();
    expect(pacer.stats.ticks).toBe(0); // not due yet
    // The loop is busy past the due time (its timers wait): a message handled at 23 ms runs the tick.
    clock.t = 23;
    pacer.poll();
    expect(pacer.stats.ticks).toBe(1);
    expect(histogramPercentile(pacer.stats.tickLateMs, 100)).toBe(3);
    pacer.poll();
    expect(pacer.stats.ticks).toBe(1); // the next is due at 40
    // The timer was moved to the next slot, not left to fire for the tick already run.
    clock.t = 40;
    vi.advanceTimersByTime(17);
    expect(pacer.stats.ticks).toBe(2);
    expect(vi.getTimerCount()).toBe(1);
    pacer.stop();
    clock.t = 100;
    pacer.poll();
    expect(pacer.stats.ticks).toBe(2); // stopped: nothing runs
  });

  it("rejects a max lead below the target", () => {
    expect(() => createPacer({ targetLeadMs: 80, maxLeadMs: 60 })).toThrow(RangeError);
  });

  it("reads percentiles from its histograms", () => {
    const h = new Uint32Array(101);
    h[1] = 90;
    h[5] = 9;
    h[40] = 1;
    expect(histogramPercentile(h, 50)).toBe(1);
    expect(histogramPercentile(h, 99)).toBe(5);
    expect(histogramPercentile(h, 100)).toBe(40);
    expect(histogramPercentile(new Uint32Array(101), 99)).toBe(0);
  });
  it("kick opens an idle stream's run at once (a reply's first frame does not wait for the tick) and is a no-op mid-run", () => {
    const { clock, pacer, tickAt } = setup({ targetLeadMs: 80, maxLeadMs: 100 });
    const s = new FakeStream(0, clock);
    const reg = pacer.add(s);
    tickAt(1000);
    s.queued = 50;
    clock.t = 1013;
    reg.kick();
    expect(s.sentAt).toEqual([1013, 1013, 1013, 1013]);
    reg.kick(); // already sending: the tick paces it
    expect(s.sentAt.length).toBe(4);
    tickAt(1020); // 73 ms still buffered: nothing due yet
    expect(s.sentAt.length).toBe(4);
    tickAt(1040);
    expect(s.sentAt.length).toBe(5);
    expect(s.sentAt.length * 20 - (clock.t - 1013)).toBeLessThanOrEqual(100);
    reg.remove();
    s.queued = 5;
    reg.kick(); // removed: nothing is sent
    expect(s.sentAt.length).toBe(5);
  });

  it("kick waits for a second frame: a run opened with one would leave the caller a gap before the next tick", () => {
    const { clock, pacer, tickAt } = setup();
    const s = new FakeStream(0, clock);
    const reg = pacer.add(s);
    tickAt(1000);
    s.queued = 1; // a short first word
    clock.t = 1005;
    reg.kick();
    expect(s.sentAt).toEqual([]);
    s.queued = 20; // the rest of the sentence, ms later
    clock.t = 1007;
    reg.kick();
    expect(s.sentAt).toEqual([1007, 1007, 1007, 1007]);
    tickAt(1020);
    tickAt(1040);
    expect(pacer.stats.underruns).toBe(0);
  });
  it("a tick holds a lone first frame one tick for the audio after it, and sends it alone if none comes", () => {
    const { clock, pacer, tickAt } = setup();
    const s = new FakeStream(0, clock);
    const reg = pacer.add(s);
    tickAt(1000);
    s.queued = 1; // TTS streamed one frame just before the tick
    tickAt(1020);
    expect(s.sentAt).toEqual([]); // sent alone it would play out by the next tick
    s.queued = 21; // the rest, 8 ms later
    clock.t = 1028;
    reg.kick();
    expect(s.sentAt).toEqual([1028, 1028, 1028, 1028]);
    for (let t = 1040; t <= 1200; t += 20) tickAt(t);
    expect(pacer.stats.underruns).toBe(0);
    // Without the hold this run would have opened with one frame at 1020 and run dry at 1040.

    const lone = new FakeStream(0, clock);
    pacer.add(lone);
    tickAt(1220);
    lone.queued = 1; // a whole reply one frame long
    tickAt(1240);
    expect(lone.sentAt).toEqual([]);
    tickAt(1260);
    expect(lone.sentAt).toEqual([1260]); // held one tick at most
    lone.queued = 1;
    tickAt(1280); // mid-run: a single frame is not held
    expect(lone.sentAt).toEqual([1260, 1280]);
  });
});
