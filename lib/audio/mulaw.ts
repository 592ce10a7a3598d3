// G.711 μ-law, the telephone network's 8-bit audio (Twilio Media Streams send and expect it).
// Both directions go through tables built once at load: a frame is 160 samples at 50 frames per second
// per call, so the codec runs on the hot path and must not allocate per sample. Callers that convert
// every frame pass their own output buffer.

/** The μ-law byte for digital silence (linear 0). Pad short frames with it. */
export const MULAW_SILENCE = 0xff;

const BIAS = 0x84;
const CLIP = 32635;

const DECODE = new Int16Array(256);
// One byte per possible 16-bit sample (64 KiB): a single lookup beats the segment search per sample.
const ENCODE = new Uint8Array(65536);

function encodeSample(sample: number): number {
  let s = sample;
  const sign = s < 0 ? 0x80 : 0;
  if (sign) s = -s;
  if (s > CLIP) s = CLIP;
  s += BIAS;
  // Segment = position of the highest set bit above bit 7 (0..7).
  let exponent = 7;
  for (let mask = 0x4000; (s & mask) === 0 && exponent > 0; mask >>= 1) exponent--;
  const mantissa = (s >> (exponent + 3)) & 0x0f;
  return ~(sign | (exponent << 4) | mantissa) & 0xff;
}

function decodeByte(byte: number): number {
  const u = ~byte & 0xff;
  const t = (((u & 0x0f) << 3) + BIAS) << ((u & 0x70) >> 4);
  return u & 0x80 ? BIAS - t : t - BIAS;
}

for (let b = 0; b < 256; b++) DECODE[b] = decodeByte(b);
for (let i = 0; i < 65536; i++) ENCODE[i] = encodeSample(i - 32768);

/** One linear sample (clamped to 16 bits) → its μ-law byte. */
export function linearToMulaw(sample: number): number {
  const s = sample > 32767 ? 32767 : sample < -32768 ? -32768 : sample | 0;
  return ENCODE[s + 32768]!;
}

/** One μ-law byte → its linear 16-bit sample. */
export function mulawToLinear(byte: number): number {
  return DECODE[byte & 0xff]!;
}

/**
 * μ-law bytes → 16-bit PCM. With `out`, writes into it (it must be at least as long as the input)
 * and returns the filled view of it; otherwise allocates one array for the whole call.
 */
export function decodeMulaw(bytes: Uint8Array, out?: Int16Array): Int16Array {
  const n = bytes.length;
  if (out && out.length < n) throw new RangeError(`decodeMulaw: output holds ${out.length} samples, input has ${n}`);
  const dst = out ?? new Int16Array(n);
  for (let i = 0; i < n; i++) dst[i] = DECODE[bytes[i]!]!;
  return dst.length === n ? dst : dst.subarray(0, n);
}

/**
 * 16-bit PCM → μ-law bytes. With `out`, writes into it (at least as long as the input) and returns the
 * filled view; otherwise allocates one buffer. Returns a Buffer when it allocates, so base64 is direct.
 */
export function encodeMulaw(samples: Int16Array, out?: Uint8Array): Uint8Array {
  const n = samples.length;
  if (out && out.length < n) throw new RangeError(`encodeMulaw: output holds ${out.length} bytes, input has ${n}`);
  const dst = out ?? Buffer.allocUnsafe(n);
  // Int16 + 32768 is always 0..65535, so no clamping is needed here.
  for (let i = 0; i < n; i++) dst[i] = ENCODE[samples[i]! + 32768]!;
  return dst.length === n ? dst : dst.subarray(0, n);
}
