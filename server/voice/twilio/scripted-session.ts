// Test support for the transport tests: a CallSession that records what the transport told it and
// lets the test speak through the CallSink it was given, as the engine would. Not used by the server.
import type { CallSession, CallSink, SessionState } from "../../../lib/conversation/types";
import type { OpenCall, StreamStart } from "./media-stream";

export class ScriptedSession implements CallSession {
  state: SessionState = "idle";
  started = false;
  frames: Int16Array[] = [];
  digits: string[] = [];
  heard: string[] = [];
  ticks = 0;
  callerHungUp = false;
  closed = false;
  constructor(
    readonly info: StreamStart,
    readonly sink: CallSink,
  ) {}
  start() {
    this.started = true;
    this.state = "greeting";
  }
  audio(frame: Int16Array) {
    this.frames.push(frame);
  }
  callerText() {}
  dtmf(digit: string) {
    this.digits.push(digit);
  }
  markPlayed(segmentId: string) {
    this.heard.push(segmentId);
  }
  tick() {
    this.ticks++;
  }
  callerHangup() {
    this.callerHungUp = true;
  }
  close() {
    this.closed = true;
    this.state = "ended";
  }

  /** Speaks `ms` of a constant sample (each segment a different value, so tests can tell them apart). */
  say(segmentId: string, ms: number, value: number, chunkSamples = 333): void {
    const pcm = new Int16Array((ms * 8000) / 1000).fill(value);
    for (let i = 0; i < pcm.length; i += chunkSamples) this.sink.audio(segmentId, pcm.subarray(i, i + chunkSamples));
    this.sink.endSegment(segmentId);
  }
}

/** An openCall that hands out ScriptedSessions (optionally after a delay or a refusal). */
export function scriptedOpenCall(opts: { delay?: Promise<void>; refuse?: boolean } = {}): { openCall: OpenCall; sessions: ScriptedSession[]; calls: StreamStart[] } {
  const sessions: ScriptedSession[] = [];
  const calls: StreamStart[] = [];
  const openCall: OpenCall = async (start, sink) => {
    calls.push(start);
    await opts.delay;
    if (opts.refuse) throw new Error("call_not_found");
    const s = new ScriptedSession(start, sink);
    sessions.push(s);
    return s;
  };
  return { openCall, sessions, calls };
}
