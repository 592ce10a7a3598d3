// The test call's microphone tap (an AudioWorklet, loaded by components/agents/test-call/mic.ts): turns
// the context's float samples into 16-bit PCM and posts them in 20 ms chunks, transferring the buffer.
// It runs at the AudioContext's rate, which the page creates at 16 kHz (the voice server's default).
class MicProcessor extends AudioWorkletProcessor {
  constructor() {
    super();
    this.chunk = Math.round(sampleRate / 50); // 20 ms
    this.buf = new Int16Array(this.chunk);
    this.at = 0;
  }

  process(inputs) {
    const channel = inputs[0] && inputs[0][0];
    if (!channel) return true;
    for (let i = 0; i < channel.length; i++) {
      const s = Math.max(-1, Math.min(1, channel[i]));
      this.buf[this.at++] = s < 0 ? s * 0x8000 : s * 0x7fff;
      if (this.at === this.chunk) {
        this.port.postMessage(this.buf.buffer, [this.buf.buffer]);
        this.buf = new Int16Array(this.chunk);
        this.at = 0;
      }
    }
    return true;
  }
}

registerProcessor("mic-processor", MicProcessor);
