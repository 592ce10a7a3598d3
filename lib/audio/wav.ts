// WAV files for recordings (stereo: caller left, agent right) and for audio the simulator reads
// (`--wav file`). Writing is always 16-bit PCM; reading accepts 16-bit PCM and 8-bit G.711 μ-law (what
// telephony tools export) and refuses anything else with a WavError whose `reason` is stable.
import { AppError } from "../errors";
import { mulawToLinear } from "./mulaw";

export const WAV_HEADER_BYTES = 44;

const FORMAT_PCM = 1;
const FORMAT_MULAW = 7;
const FORMAT_EXTENSIBLE = 0xfffe;
// Streaming writers that never came back to patch the header leave these sizes.
const UNKNOWN_SIZE = 0xffffffff;

export type WavErrorReason =
  | "TOO_SHORT"
  | "NOT_RIFF_WAVE"
  | "NO_FMT_CHUNK"
  | "NO_DATA_CHUNK"
  | "BAD_CHUNK"
  | "UNSUPPORTED_FORMAT"
  | "BAD_FORMAT"
  | "TRUNCATED_DATA";

export class WavError extends AppError {
  readonly reason: WavErrorReason;
  constructor(reason: WavErrorReason, message: string) {
    super("VALIDATION_FAILED", `Invalid WAV file: ${message}`, { field: "wav" });
    this.name = "WavError";
    this.reason = reason;
  }
}

export interface WavAudio {
  sampleRate: number;
  channels: number;
  /** Interleaved 16-bit samples (L R L R … for stereo). */
  samples: Int16Array;
}

/** The 44-byte canonical header for `dataBytes` of 16-bit PCM (write it first, patch sizes at the end). */
export function wavHeader(dataBytes: number, sampleRate: number, channels: number): Buffer {
  if (!Number.isInteger(sampleRate) || sampleRate <= 0) throw new RangeError(`wavHeader: bad sample rate ${sampleRate}`);
  if (!Number.isInteger(channels) || channels < 1 || channels > 8) throw new RangeError(`wavHeader: bad channel count ${channels}`);
  if (!Number.isInteger(dataBytes) || dataBytes < 0 || dataBytes > UNKNOWN_SIZE - 36) {
    throw new RangeError(`wavHeader: bad data size ${dataBytes}`);
  }
  const h = Buffer.alloc(WAV_HEADER_BYTES);
  h.write("RIFF", 0, "ascii");
  h.writeUInt32LE(36 + dataBytes, 4);
  h.write("WAVE", 8, "ascii");
  h.write("fmt ", 12, "ascii");
  h.writeUInt32LE(16, 16);
  h.writeUInt16LE(FORMAT_PCM, 20);
  h.writeUInt16LE(channels, 22);
  h.writeUInt32LE(sampleRate, 24);
  h.writeUInt32LE(sampleRate * channels * 2, 28);
  h.writeUInt16LE(channels * 2, 32);
  h.writeUInt16LE(16, 34);
  h.write("data", 36, "ascii");
  h.writeUInt32LE(dataBytes, 40);
  return h;
}

/** A whole 16-bit PCM WAV file; `samples` are interleaved when `channels` > 1. */
export function encodeWav(samples: Int16Array, sampleRate: number, channels = 1): Buffer {
  if (samples.length % channels !== 0) {
    throw new RangeError(`encodeWav: ${samples.length} samples do not split into ${channels} channels`);
  }
  const out = Buffer.allocUnsafe(WAV_HEADER_BYTES + samples.length * 2);
  wavHeader(samples.length * 2, sampleRate, channels).copy(out, 0);
  for (let i = 0; i < samples.length; i++) out.writeInt16LE(samples[i]!, WAV_HEADER_BYTES + i * 2);
  return out;
}

/** Two mono tracks → one interleaved stereo track; the shorter one is padded with silence. */
export function interleaveStereo(left: Int16Array, right: Int16Array): Int16Array {
  const n = Math.max(left.length, right.length);
  const out = new Int16Array(n * 2);
  for (let i = 0; i < n; i++) {
    out[2 * i] = left[i] ?? 0;
    out[2 * i + 1] = right[i] ?? 0;
  }
  return out;
}

/** One channel of an interleaved track. */
export function extractChannel(samples: Int16Array, channels: number, channel: number): Int16Array {
  if (channel < 0 || channel >= channels) throw new RangeError(`extractChannel: no channel ${channel} of ${channels}`);
  const n = Math.floor(samples.length / channels);
  const out = new Int16Array(n);
  for (let i = 0; i < n; i++) out[i] = samples[i * channels + channel]!;
  return out;
}

interface Fmt {
  format: number;
  channels: number;
  sampleRate: number;
  bitsPerSample: number;
  blockAlign: number;
}

function readFmt(buf: Buffer, at: number, size: number): Fmt {
  if (size < 16) throw new WavError("BAD_FORMAT", `fmt chunk is ${size} bytes, needs at least 16`);
  let format = buf.readUInt16LE(at);
  if (format === FORMAT_EXTENSIBLE) {
    if (size < 40) throw new WavError("BAD_FORMAT", "extensible fmt chunk is shorter than 40 bytes");
    // The real format is the first two bytes of the sub-format GUID.
    format = buf.readUInt16LE(at + 24);
  }
  return {
    format,
    channels: buf.readUInt16LE(at + 2),
    sampleRate: buf.readUInt32LE(at + 4),
    blockAlign: buf.readUInt16LE(at + 12),
    bitsPerSample: buf.readUInt16LE(at + 14),
  };
}

function checkFmt(fmt: Fmt): void {
  if (fmt.channels < 1 || fmt.channels > 8) throw new WavError("BAD_FORMAT", `${fmt.channels} channels`);
  if (fmt.sampleRate < 1000 || fmt.sampleRate > 384000) throw new WavError("BAD_FORMAT", `sample rate ${fmt.sampleRate} Hz`);
  const pcm16 = fmt.format === FORMAT_PCM && fmt.bitsPerSample === 16;
  const mulaw = fmt.format === FORMAT_MULAW && fmt.bitsPerSample === 8;
  if (!pcm16 && !mulaw) {
    throw new WavError(
      "UNSUPPORTED_FORMAT",
      `format ${fmt.format} with ${fmt.bitsPerSample} bits per sample (only 16-bit PCM and 8-bit μ-law are read)`,
    );
  }
  if (fmt.blockAlign !== fmt.channels * (fmt.bitsPerSample / 8)) {
    throw new WavError("BAD_FORMAT", `block align ${fmt.blockAlign} does not match ${fmt.channels} channels of ${fmt.bitsPerSample} bits`);
  }
}

/** Parses a WAV file into interleaved 16-bit samples and its rate; refuses malformed or unsupported files. */
export function parseWav(input: Uint8Array): WavAudio {
  const buf = Buffer.isBuffer(input) ? input : Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  if (buf.length < 12) throw new WavError("TOO_SHORT", `${buf.length} bytes`);
  if (buf.toString("ascii", 0, 4) !== "RIFF" || buf.toString("ascii", 8, 12) !== "WAVE") {
    throw new WavError("NOT_RIFF_WAVE", "missing the RIFF/WAVE signature");
  }
  let fmt: Fmt | undefined;
  let at = 12;
  while (at + 8 <= buf.length) {
    const id = buf.toString("ascii", at, at + 4);
    const declared = buf.readUInt32LE(at + 4);
    const body = at + 8;
    if (id === "data") {
      if (!fmt) throw new WavError("NO_FMT_CHUNK", "the data chunk comes before any fmt chunk");
      const size = declared === UNKNOWN_SIZE ? buf.length - body : declared;
      if (body + size > buf.length) {
        throw new WavError("TRUNCATED_DATA", `data chunk declares ${size} bytes, the file holds ${buf.length - body}`);
      }
      return { sampleRate: fmt.sampleRate, channels: fmt.channels, samples: readSamples(buf, body, size, fmt) };
    }
    if (body + declared > buf.length) throw new WavError("BAD_CHUNK", `chunk "${id}" runs past the end of the file`);
    if (id === "fmt ") {
      fmt = readFmt(buf, body, declared);
      checkFmt(fmt);
    }
    // Chunks are word-aligned: an odd-sized chunk is followed by one pad byte.
    at = body + declared + (declared & 1);
  }
  throw new WavError(fmt ? "NO_DATA_CHUNK" : "NO_FMT_CHUNK", fmt ? "no data chunk" : "no fmt chunk");
}

function readSamples(buf: Buffer, at: number, size: number, fmt: Fmt): Int16Array {
  // A trailing partial frame (a cut-off write) is dropped rather than refused.
  const frames = Math.floor(size / fmt.blockAlign);
  const n = frames * fmt.channels;
  const out = new Int16Array(n);
  if (fmt.format === FORMAT_MULAW) {
    for (let i = 0; i < n; i++) out[i] = mulawToLinear(buf[at + i]!);
  } else {
    for (let i = 0; i < n; i++) out[i] = buf.readInt16LE(at + i * 2);
  }
  return out;
}
