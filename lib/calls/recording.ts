// A call's recording: stereo PCM16 WAV at 8 kHz, caller left, agent right, on one timeline. The
// caller's frames define the clock (Twilio sends one every 20 ms, silence included); each agent frame
// arrives with the caller-frame index at which it played (recording-tap.ts holds agent audio until
// then, and `clear` drops what never played), so agent audio cut by barge-in is cut here too.
//
// Memory stays bounded whatever the call's length: frames live in a short window around "now", older
// ones are appended to a temp file of interleaved samples, and the WAV (header + that file) is
// streamed to storage at the end. Writes are queued and never block a frame; a disk slower than the
// call cannot grow the queue past a cap: the recorder then stops, keeps what it wrote, and says so.
import { randomBytes } from "node:crypto";
import { createReadStream } from "node:fs";
import { mkdir, open, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import type { Logger } from "pino";
import { WAV_HEADER_BYTES, wavHeader } from "../audio/wav";
import { getLogger } from "../logger";
import { FRAME_SAMPLES, SAMPLE_RATE } from "../providers/speech/types";
import type { StorageProvider } from "../providers/storage/types";

const STEREO_FRAME_BYTES = FRAME_SAMPLES * 2 * 2;
/** Frames kept behind the caller's clock for agent frames that arrive a little late (0.5 s). */
const LAG_FRAMES = 25;
/** Frames written per append (3 s, 96 KB): one file write per call per 3 s (each write wakes a thread-pool thread, which at 200 calls was a measurable share of the voice server's loop). */
const BATCH_FRAMES = 150;
/** How far ahead of the caller's clock an agent frame may be placed (2 s); further is dropped. */
const MAX_AHEAD_FRAMES = 100;
/** Queued-but-unwritten bytes before the recorder gives up on a slow disk (4 batches). */
const DEFAULT_MAX_PENDING_BYTES = 4 * BATCH_FRAMES * STEREO_FRAME_BYTES;

export interface RecordingResult {
  key: string;
  durationSec: number;
  /** false when the recorder stopped early (disk too slow or failing): the file holds the start only. */
  complete: boolean;
}

export interface RecorderStats {
  frames: number;
  pendingBytes: number;
  /** Agent frames placed too late (already written) or too far ahead, dropped. */
  droppedAgentFrames: number;
  stopped: "overflow" | "write_error" | null;
}

export interface CallRecorder {
  /** Each inbound 20 ms caller frame, in order: defines the timeline. */
  caller(frame: Int16Array): void;
  /** An outbound frame as played, at the caller timeline's frame index when it played. */
  agent(frame: Int16Array, atFrame: number): void;
  /** Uploads the WAV; null when nothing was recorded. Temp files are removed either way. Idempotent. */
  finish(): Promise<RecordingResult | null>;
  /** Discards the recording. Idempotent. */
  abort(): Promise<void>;
  stats(): RecorderStats;
}

/** What the recorder needs of a file; tests pass a slow one. */
export interface AppendOnlyFile {
  write(chunk: Buffer): Promise<unknown>;
  close(): Promise<void>;
}

export interface CallRecorderOptions {
  tenantId: string;
  callId: string;
  storage: StorageProvider;
  /** Where the temp file goes. Default <os tmpdir>/frontdesk-recordings. */
  tmpDir?: string;
  logger?: Logger;
  maxPendingBytes?: number;
  openFile?: (file: string) => Promise<AppendOnlyFile>;
}

export function recordingKey(tenant: string, callId: string): string {
  return `tenants/${tenant}/calls/${callId}/recording.wav`;
}

const openForAppend = async (file: string): Promise<AppendOnlyFile> => {
  const handle = await open(file, "wx");
  return { write: (chunk) => handle.write(chunk), close: () => handle.close() };
};

export function createCallRecorder(opts: CallRecorderOptions): CallRecorder {
  const log = (opts.logger ?? getLogger("recording")).child({ callId: opts.callId });
  const maxPending = opts.maxPendingBytes ?? DEFAULT_MAX_PENDING_BYTES;
  const dir = opts.tmpDir ?? path.join(tmpdir(), "frontdesk-recordings");
  const tmpFile = path.join(dir, `${opts.callId}-${randomBytes(6).toString("hex")}.pcm`);

  // Interleaved stereo frames base, base+1, … in one preallocated buffer (zero: silence so far): the
  // caller's frames stay within LAG+BATCH of base and agent frames at most MAX_AHEAD beyond them.
  const WINDOW_SAMPLES = (LAG_FRAMES + BATCH_FRAMES + MAX_AHEAD_FRAMES) * FRAME_SAMPLES * 2;
  let window = new Int16Array(WINDOW_SAMPLES);
  let base = 0;
  let callerFrames = 0;
  let writtenFrames = 0;
  let pendingBytes = 0;
  let droppedAgentFrames = 0;
  let stopped: RecorderStats["stopped"] = null;
  let file: Promise<AppendOnlyFile> | null = null;
  let writes: Promise<void> = Promise.resolve();
  let ended: Promise<RecordingResult | null> | null = null;

  const offsetOf = (index: number) => (index - base) * FRAME_SAMPLES * 2;

  const stop = (why: "overflow" | "write_error", err?: unknown) => {
    if (stopped) return;
    stopped = why;
    window = new Int16Array(0);
    log.error({ err, pendingBytes }, why === "overflow" ? "recording stopped: the disk is slower than the call" : "recording stopped: write failed");
  };

  /** `final`: the last write at finish, when the window is released anyway, so not capped. */
  const append = (frames: number, final = false) => {
    // A copy (the window is reused at once): the write may wait behind earlier ones.
    const chunk = Buffer.from(new Uint8Array(window.buffer, 0, frames * STEREO_FRAME_BYTES));
    if (!final && pendingBytes + chunk.length > maxPending) return stop("overflow");
    pendingBytes += chunk.length;
    file ??= mkdir(dir, { recursive: true }).then(() => (opts.openFile ?? openForAppend)(tmpFile));
    const opened = file;
    writes = writes.then(async () => {
      // After an overflow the chunks already queued are still written (the file stays a clean
      // prefix of the call); after a write error nothing more is.
      if (stopped === "write_error") return void (pendingBytes -= chunk.length);
      try {
        await (await opened).write(chunk);
        writtenFrames += frames;
      } catch (err) {
        stop("write_error", err);
      } finally {
        pendingBytes -= chunk.length;
      }
    });
  };

  const flush = (upTo: number, final = false) => {
    const n = upTo - base;
    if (n <= 0) return;
    append(n, final);
    const shift = n * FRAME_SAMPLES * 2;
    window.copyWithin(0, shift);
    window.fill(0, WINDOW_SAMPLES - shift);
    base = upTo;
  };

  const fit = (frame: Int16Array, channel: 0 | 1, at: number) => {
    const n = Math.min(frame.length, FRAME_SAMPLES);
    for (let i = 0; i < n; i++) window[at + i * 2 + channel] = frame[i]!;
  };

  const cleanup = async () => {
    await writes;
    if (file) await file.then((f) => f.close()).catch(() => {});
    await rm(tmpFile, { force: true });
  };

  return {
    caller(frame) {
      if (stopped || ended) return;
      fit(frame, 0, offsetOf(callerFrames));
      callerFrames++;
      if (callerFrames - base >= LAG_FRAMES + BATCH_FRAMES) flush(base + BATCH_FRAMES);
    },

    agent(frame, atFrame) {
      if (stopped || ended) return;
      if (!Number.isInteger(atFrame) || atFrame < base || atFrame > callerFrames + MAX_AHEAD_FRAMES) {
        droppedAgentFrames++;
        if (droppedAgentFrames === 1) log.warn({ atFrame, callerFrames, base }, "agent frame outside the recording window dropped");
        return;
      }
      fit(frame, 1, offsetOf(atFrame));
    },

    finish() {
      ended ??= (async () => {
        try {
          // The recording ends with the caller's side: agent audio queued past it was never heard.
          if (!stopped) flush(callerFrames, true);
          await writes;
          if (file) await (await file).close();
          file = null;
          if (writtenFrames === 0) return null;
          const dataBytes = writtenFrames * STEREO_FRAME_BYTES;
          // A failed write may have left part of a chunk behind: only whole, counted frames go out.
          const onDisk = (await stat(tmpFile)).size;
          if (onDisk < dataBytes) throw new Error(`recording temp file holds ${onDisk} bytes, expected ${dataBytes}`);
          const key = recordingKey(opts.tenantId, opts.callId);
          const body = Readable.from(
            (async function* () {
              yield wavHeader(dataBytes, SAMPLE_RATE, 2);
              yield* createReadStream(tmpFile, { end: dataBytes - 1 });
            })(),
          );
          await opts.storage.put(key, body, { contentType: "audio/wav", size: WAV_HEADER_BYTES + dataBytes });
          return { key, durationSec: (writtenFrames * FRAME_SAMPLES) / SAMPLE_RATE, complete: stopped === null };
        } finally {
          await cleanup();
        }
      })();
      return ended;
    },

    async abort() {
      if (!ended) {
        window = new Int16Array(0);
        ended = cleanup().then(() => null);
      }
      await ended.catch(() => {});
    },

    stats: () => ({ frames: callerFrames, pendingBytes, droppedAgentFrames, stopped }),
  };
}
