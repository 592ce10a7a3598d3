// The microphone for the test call: getUserMedia into an AudioWorklet (public/audio/mic-processor.js)
// that posts 20 ms of 16-bit PCM at a time, with the reasons it can fail put in words a user can act on.

export interface Mic {
  stop(): void;
}

export class MicError extends Error {}

function explain(err: unknown): MicError {
  const name = err instanceof DOMException ? err.name : "";
  if (name === "NotAllowedError" || name === "SecurityError") {
    return new MicError("Microphone access is blocked. Allow the microphone for this site (the icon in the address bar), then start the call again.");
  }
  if (name === "NotFoundError" || name === "OverconstrainedError") return new MicError("No microphone was found. Connect one and start the call again.");
  if (name === "NotReadableError") return new MicError("The microphone is in use by another application. Close it and start the call again.");
  return new MicError("The microphone could not be started. Check your browser's settings and try again.");
}

export async function openMic(ctx: AudioContext, onChunk: (pcm: Int16Array) => void): Promise<Mic> {
  if (!navigator.mediaDevices?.getUserMedia) throw new MicError("This browser cannot use a microphone here (it needs a secure https page).");
  let stream: MediaStream;
  try {
    // Echo cancellation, or the agent hears itself from the speakers and interrupts itself. Chromium's
    // noise suppression and gain control are off: measured on the speech fixtures, they clip and smear
    // speech until the recogniser no longer understands it (it does word for word without them).
    stream = await navigator.mediaDevices.getUserMedia({ audio: { channelCount: 1, echoCancellation: true, noiseSuppression: false, autoGainControl: false } });
  } catch (err) {
    throw explain(err);
  }
  await ctx.audioWorklet.addModule("/audio/mic-processor.js");
  const source = ctx.createMediaStreamSource(stream);
  const node = new AudioWorkletNode(ctx, "mic-processor");
  // Through a muted gain to the output: a node nobody pulls is not guaranteed to run.
  const sinkGain = ctx.createGain();
  sinkGain.gain.value = 0;
  node.port.onmessage = (e: MessageEvent<ArrayBuffer>) => onChunk(new Int16Array(e.data));
  source.connect(node).connect(sinkGain).connect(ctx.destination);
  return {
    stop() {
      node.port.onmessage = null;
      source.disconnect();
      node.disconnect();
      for (const track of stream.getTracks()) track.stop();
    },
  };
}

/** 0..1 loudness of a chunk, for the level meter (RMS, scaled so speech fills most of the bar). */
export function level(pcm: Int16Array): number {
  let sum = 0;
  for (let i = 0; i < pcm.length; i++) sum += pcm[i]! * pcm[i]!;
  return Math.min(1, (Math.sqrt(sum / Math.max(1, pcm.length)) / 32768) * 6);
}
