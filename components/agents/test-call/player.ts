// The agent's voice in the browser: PCM chunks from the voice server scheduled back to back as
// AudioBufferSourceNodes. A mark is echoed when playback reaches it (the server then knows that
// segment was heard), and clear() silences everything queued at once (barge-in).

export class AgentPlayer {
  private nextAt = 0;
  private readonly sources = new Set<AudioBufferSourceNode>();
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();

  constructor(
    private readonly ctx: AudioContext,
    private readonly rate: number,
    private readonly onMark: (id: string) => void,
  ) {}

  play(pcm: Int16Array): void {
    if (pcm.length === 0) return;
    const buffer = this.ctx.createBuffer(1, pcm.length, this.rate);
    const channel = buffer.getChannelData(0);
    for (let i = 0; i < pcm.length; i++) channel[i] = pcm[i]! / 32768;
    const source = this.ctx.createBufferSource();
    source.buffer = buffer;
    source.connect(this.ctx.destination);
    // A small lead when the queue ran dry, so the first chunk is not clipped.
    const at = Math.max(this.ctx.currentTime + 0.03, this.nextAt);
    source.start(at);
    this.nextAt = at + buffer.duration;
    this.sources.add(source);
    source.onended = () => this.sources.delete(source);
  }

  /** Echoes `id` once everything queued before it has played. */
  mark(id: string): void {
    const delayMs = Math.max(0, (this.nextAt - this.ctx.currentTime) * 1000);
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      this.onMark(id);
    }, delayMs);
    this.timers.add(timer);
  }

  /** Barge-in: stop now, drop the queue; pending marks are never echoed (that audio was not heard). */
  clear(): void {
    for (const source of this.sources) {
      source.onended = null;
      source.stop();
    }
    this.sources.clear();
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.nextAt = 0;
  }
}
