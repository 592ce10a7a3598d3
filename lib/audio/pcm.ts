// Joining telephone PCM that arrives in pieces (a synthesiser's stream, a file read in chunks).

export function concatPcm(chunks: readonly Int16Array[]): Int16Array {
  const out = new Int16Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/** Every chunk of a PCM stream (e.g. TtsProvider.synthesize) as one array; `onChunk` sees each as it comes. */
export async function collectPcm(stream: AsyncIterable<Int16Array>, onChunk?: (chunk: Int16Array) => void): Promise<Int16Array> {
  const chunks: Int16Array[] = [];
  for await (const c of stream) {
    chunks.push(c);
    onChunk?.(c);
  }
  return concatPcm(chunks);
}
