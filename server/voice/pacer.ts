// The one outbound clock of the voice server. Every call's transport registers here; a single
// self-correcting 20 ms tick sends each stream the frames it is due, keeping Twilio's playout buffer a
// little ahead of real time (enough to ride out a late tick; `clear` empties it at once on barge-in),
// then lets each call run its timers. One timer for the process instead of one per call
// is what keeps pacing jitter flat as calls are added.
import type { Logger } from "pino";
import { FRAME_MS } from "../../lib/providers/speech/types";

/** What the pacer drives: one call's transport. */
export interface PacedStream {
  /** Whole frames queued and ready to send. */
  framesReady(): number;
  /** Sends up to `n` frames (n may be 0), and every mark whose audio has now been sent. */
  pump(n: number): number;
  /** Once per tick, after sending: the session's timers, pending hang-ups. */
  tick(): void;
}

export interface PacerRegistration {
  /** Stops pacing the stream (O(1), idempotent). */
  remove(): void;
  /**
   * Audio arrived for a stream that is not sending: open its run now instead of at the next tick, so
   * the first frame of a reply is not held up to a tick period (no-op while a run is going, and until
   * two frames are ready).
   */
  kick(): void;
  /**
   * The far end dropped what it had buffered (Twilio `clear`, a pause): the lead is gone. Without
   * this the pacer would go on believing the far end has audio in hand and send the next audio late.
   */
  flushed(): void;
}

export interface PacerOptions {
  /** Tick period. Default FRAME_MS (20). */
  intervalMs?: number;
  /**
   * Audio kept buffered at the far end, ms. Default 120: a tick may then be up to ~100 ms late (a GC
   * pause, a burst of inbound messages at 200 calls: 70 ms seen) before a caller hears a gap. It
   * costs no barge-in time: `clear` drops the far end's buffer at once.
   */
  targetLeadMs?: number;
  /** Never more than this buffered at the far end (bounds what `clear` has to discard), ms. Default 140. */
  maxLeadMs?: number;
  /** A tick this late or later counts as late, ms. Default 10. */
  lateTickMs?: number;
  /** Monotonic ms. Default performance.now. */
  now?: () => number;
  logger?: Logger;
}

const KICK_MIN_FRAMES = 2;

/** 1 ms buckets 0..99, then one bucket for ≥ 100 ms. */
export const HISTOGRAM_BUCKETS = 101;

export interface PacerStats {
  ticks: number;
  /** Ticks that fired `lateTickMs` or more after their scheduled time. */
  lateTicks: number;
  framesSent: number;
  /** Times a stream with audio queued had already run dry at the far end (the caller heard a gap). */
  underruns: number;
  /** Per frame sent within a run: |spacing from the stream's previous frame − 20 ms|. */
  jitterMs: Uint32Array;
  /** Per tick: how late it fired against its schedule. */
  tickLateMs: Uint32Array;
}

export interface Pacer {
  add(stream: PacedStream): PacerRegistration;
  readonly size: number;
  readonly stats: PacerStats;
  /** One tick at `now()`: what the timer runs. Tests drive it with a fake clock. */
  runTick(): void;
  /**
   * Runs the timer's tick now if it is due. Transports call it after each inbound message: the event
   * loop reaches its timers only once it has handled every socket that was ready, which at a few
   * hundred calls (a burst of turn starts, a GC pause before it) held ticks back 50-100 ms. Called
   * between messages, a due tick waits for one handler at most. A clock read when nothing is due.
   */
  poll(): void;
  /** Stops the timer (streams stay registered; the next add restarts it). */
  stop(): void;
}

interface Slot {
  stream: PacedStream;
  index: number;
  /** When the far end will have played everything sent so far (estimated on our clock). */
  playEnd: number;
  lastSendAt: number;
  /** Sending continuously: the far end has not run dry since the run started. */
  inRun: boolean;
  /** A tick found one lone frame and held it back for one tick, waiting for the audio after it. */
  held: boolean;
}

/** The pacer's figures since start, for /health and the benchmark (percentiles in whole ms). */
export function pacingFigures(pacer: Pick<Pacer, "size" | "stats">) {
  const s = pacer.stats;
  return {
    streams: pacer.size,
    ticks: s.ticks,
    lateTicks: s.lateTicks,
    tickLateP99Ms: histogramPercentile(s.tickLateMs, 99),
    framesSent: s.framesSent,
    underruns: s.underruns,
    sendJitterP99Ms: histogramPercentile(s.jitterMs, 99),
    /** Ticks by lateness in whole ms (last bucket: ≥ 100): a reader diffs two reads for a window. */
    tickLateHistogram: Array.from(s.tickLateMs),
    /** Frames sent within a run by |spacing − 20 ms| in whole ms (last bucket: ≥ 100), diffed the same way. */
    sendJitterHistogram: Array.from(s.jitterMs),
  };
}

/** The value at percentile `p` (0..100) of a histogram kept by the pacer, in ms. */
export function histogramPercentile(h: Uint32Array, p: number): number {
  let total = 0;
  for (const c of h) total += c;
  if (total === 0) return 0;
  const rank = Math.ceil((p / 100) * total);
  let seen = 0;
  for (let i = 0; i < h.length; i++) {
    seen += h[i]!;
    if (seen >= rank) return i;
  }
  return h.length - 1;
}

const bucket = (ms: number) => Math.min(HISTOGRAM_BUCKETS - 1, Math.max(0, Math.round(ms)));

export function createPacer(opts: PacerOptions = {}): Pacer {
  const interval = opts.intervalMs ?? FRAME_MS;
  const target = opts.targetLeadMs ?? 120;
  const maxLead = opts.maxLeadMs ?? 140;
  const lateTickMs = opts.lateTickMs ?? 10;
  const now = opts.now ?? (() => performance.now());
  if (!(interval > 0) || target < FRAME_MS || maxLead < target + FRAME_MS / 2) {
    throw new RangeError(`createPacer: need intervalMs > 0, targetLeadMs ≥ ${FRAME_MS}, maxLeadMs ≥ targetLeadMs + ${FRAME_MS / 2}`);
  }
  // Top up while below target minus half a frame: one frame per on-time tick, and a tick that is
  // a few ms early or late never flips between sending 0 and 2 frames.
  const refillBelow = target - FRAME_MS / 2;
  const catchUpBelow = target - (FRAME_MS * 3) / 2;

  const slots: Slot[] = [];
  const stats: PacerStats = {
    ticks: 0,
    lateTicks: 0,
    framesSent: 0,
    underruns: 0,
    jitterMs: new Uint32Array(HISTOGRAM_BUCKETS),
    tickLateMs: new Uint32Array(HISTOGRAM_BUCKETS),
  };
  let timer: NodeJS.Timeout | undefined;
  let origin = 0;
  let seq = 0;

  function paceOne(slot: Slot, t: number): void {
    slot.stream.tick();
    if (slot.index < 0) return; // the tick ended the call
    send(slot, t);
  }

  function send(slot: Slot, t: number): void {
    const s = slot.stream;
    const ready = s.framesReady();
    if (ready === 0) {
      slot.inRun = false;
      slot.held = false;
      s.pump(0);
      return;
    }
    // A run that opens with one frame leaves the caller a gap unless the next arrives within the
    // frame's 20 ms (TTS often streams a lone first frame, the rest a few ms after the tick): measured,
    // every underrun at 200 calls was such a run. Hold it one tick; the kick opens the run as soon as a
    // second frame is there, and a frame still alone at the next tick goes out then.
    if (!slot.inRun && ready < KICK_MIN_FRAMES && !slot.held) {
      slot.held = true;
      s.pump(0);
      return;
    }
    slot.held = false;
    const fill = !slot.inRun || slot.playEnd < t;
    if (slot.playEnd < t) {
      if (slot.inRun) stats.underruns++;
      slot.playEnd = t;
    }
    let lead = slot.playEnd - t;
    let n = 0;
    // A run opens with the whole lead. Within a run one frame per tick keeps the spacing even; a
    // second goes only when the far end is more than a frame short (a tick ~30 ms late): a tick a few
    // ms late is absorbed by the lead instead of turning into a 0/40 ms pair (the caller's jitter).
    const topUpBelow = fill ? refillBelow : catchUpBelow;
    while (n < ready && lead + FRAME_MS <= maxLead && (lead < topUpBelow || (n === 0 && lead < refillBelow))) {
      n++;
      lead += FRAME_MS;
    }
    const sent = s.pump(n);
    if (sent === 0) return;
    slot.playEnd += sent * FRAME_MS;
    stats.framesSent += sent;
    // The frames that open a run go out together by design; spacing is measured from then on.
    if (!fill) {
      stats.jitterMs[bucket(Math.abs(t - slot.lastSendAt - FRAME_MS))]!++;
      if (sent > 1) stats.jitterMs[bucket(FRAME_MS)]! += sent - 1;
    }
    slot.lastSendAt = t;
    slot.inRun = true;
  }

  function runTick(): void {
    const t = now();
    stats.ticks++;
    // Backwards, so a stream that unregisters itself while being paced (swap-remove) skips no one.
    for (let i = slots.length - 1; i >= 0; i--) {
      const slot = slots[i];
      if (!slot) continue;
      try {
        paceOne(slot, t);
      } catch (err) {
        opts.logger?.error({ err }, "pacer: stream failed during tick");
      }
    }
  }

  let ticking = false;

  function loop(): void {
    if (ticking) return; // poll() from inside a tick (a stream's own work) waits for the next one
    ticking = true;
    try {
      const t = now();
      const late = t - (origin + seq * interval);
      stats.tickLateMs[bucket(late)]!++;
      if (late >= lateTickMs) stats.lateTicks++;
      // After a stall, skip the missed ticks instead of firing them back to back.
      if (late >= interval) seq = Math.floor((t - origin) / interval);
      runTick();
      seq++;
    } finally {
      ticking = false;
    }
    if (timer === undefined) return; // stopped during the tick (its last stream left)
    timer = setTimeout(loop, Math.max(0, origin + seq * interval - now()));
    timer.unref();
  }

  function poll(): void {
    if (timer === undefined || ticking || now() < origin + seq * interval) return;
    clearTimeout(timer);
    loop();
  }

  function startTimer(): void {
    if (timer) return;
    origin = now();
    seq = 1;
    timer = setTimeout(loop, interval);
    timer.unref();
  }

  function stop(): void {
    if (timer) clearTimeout(timer);
    timer = undefined;
  }

  return {
    add(stream) {
      const slot: Slot = { stream, index: slots.length, playEnd: 0, lastSendAt: 0, inRun: false, held: false };
      slots.push(slot);
      startTimer();
      return {
        kick() {
          if (slot.index < 0 || slot.inRun) return;
          // One frame would play out before the next tick tops it up (TTS often streams a short first
          // word, the rest ms later): a run that opens with it leaves the caller a gap. Start once two
          // frames are there (the next tick starts it in any case).
          if (slot.stream.framesReady() < KICK_MIN_FRAMES) return;
          try {
            send(slot, now());
          } catch (err) {
            opts.logger?.error({ err }, "pacer: stream failed during kick");
          }
        },
        flushed() {
          slot.playEnd = 0;
          slot.inRun = false;
          slot.held = false;
        },
        remove() {
          if (slot.index < 0) return;
          const last = slots.pop()!;
          if (last !== slot) {
            slots[slot.index] = last;
            last.index = slot.index;
          }
          slot.index = -1;
          if (slots.length === 0) stop();
        },
      };
    },
    get size() {
      return slots.length;
    },
    stats,
    runTick,
    poll,
    stop,
  };
}
