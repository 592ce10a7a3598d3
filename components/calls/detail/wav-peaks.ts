// The waveform's data: a PCM16 WAV (the recording route serves stereo 8 kHz, caller left, agent right)
// parsed by hand, so drawing needs no audio decoder, and reduced to one peak per pixel column.
export type Pcm = { sampleRate: number; channels: Int16Array[] };

function ascii(view: DataView, at: number): string {
  return String.fromCharCode(view.getUint8(at), view.getUint8(at + 1), view.getUint8(at + 2), view.getUint8(at + 3));
}

/** PCM16 samples per channel; throws on anything that is not a 16-bit PCM RIFF/WAVE file. */
export function parseWav(buffer: ArrayBuffer): Pcm {
  const view = new DataView(buffer);
  if (buffer.byteLength < 12 || ascii(view, 0) !== "RIFF" || ascii(view, 8) !== "WAVE") throw new Error("not a WAV file");
  let fmt: { channels: number; sampleRate: number; bits: number } | null = null;
  let at = 12;
  while (at + 8 <= buffer.byteLength) {
    const id = ascii(view, at);
    const size = view.getUint32(at + 4, true);
    const body = at + 8;
    if (id === "fmt ") {
      fmt = { channels: view.getUint16(body + 2, true), sampleRate: view.getUint32(body + 4, true), bits: view.getUint16(body + 14, true) };
    } else if (id === "data") {
      if (!fmt || fmt.bits !== 16 || fmt.channels < 1) throw new Error("only 16-bit PCM WAV is drawn");
      // A recording still being written may announce more bytes than it has: take what is there.
      const bytes = Math.min(size, buffer.byteLength - body);
      const frames = Math.floor(bytes / (2 * fmt.channels));
      const channels = Array.from({ length: fmt.channels }, () => new Int16Array(frames));
      for (let i = 0; i < frames; i++) {
        for (let c = 0; c < fmt.channels; c++) channels[c]![i] = view.getInt16(body + (i * fmt.channels + c) * 2, true);
      }
      return { sampleRate: fmt.sampleRate, channels };
    }
    at = body + size + (size % 2); // chunks are word-aligned
  }
  throw new Error("WAV file without a data chunk");
}

/** `buckets` peaks in 0..1, each the loudest |sample| of its slice of the channel. */
export function computePeaks(samples: Int16Array, buckets: number): Float32Array {
  const peaks = new Float32Array(buckets);
  if (samples.length === 0 || buckets <= 0) return peaks;
  const per = samples.length / buckets;
  for (let b = 0; b < buckets; b++) {
    const start = Math.floor(b * per);
    const end = Math.max(start + 1, Math.floor((b + 1) * per));
    let max = 0;
    for (let i = start; i < end && i < samples.length; i++) {
      const v = Math.abs(samples[i]!);
      if (v > max) max = v;
    }
    peaks[b] = max / 32768;
  }
  return peaks;
}
