// Drives one call session on a fake clock the way the voice server does: a 20 ms caller frame, the
// transport's playout (marks acknowledged when audio would have played), then the shared tick, then
// every pending promise is allowed to settle. Test-only.
import type { AgentProfile, ConversationMode, Responder } from "../../providers/responder/types";
import type { TtsProvider } from "../../providers/speech/types";
import { createCallSession } from "../session";
import type { ControllableCallSession, EngineConfig } from "../types";
import { callerFrame, FakeActions, FakeClock, FakeStt, FakeTts, FakeVad, PlayoutSink, RecordingObserver, Words } from "./fakes";

export function testProfile(overrides: Partial<AgentProfile> = {}): AgentProfile {
  const day = [{ open: "09:00", close: "17:00" }];
  return {
    agentId: "agent_1",
    tenantId: "tenant_1",
    businessName: "Acme Dental",
    agentName: "Ava",
    greeting: "Hello, thanks for calling Acme Dental. How can I help?",
    systemPrompt: "You are a receptionist.",
    language: "en-US",
    voiceId: "fake",
    llmModel: "local",
    temperature: 0.3,
    timezone: "America/New_York",
    businessHours: { monday: day, tuesday: day, wednesday: day, thursday: day, friday: day, saturday: [], sunday: [] },
    address: "1 Main St",
    services: ["cleaning"],
    faq: [],
    knowledgePhrases: [],
    transferPhoneNumber: null,
    afterHoursMessage: null,
    silenceTimeoutSec: 10,
    maxCallDurationSec: 600,
    tools: ["take_message", "end_call", "search_knowledge", "transfer_call"],
    ...overrides,
  };
}

export interface HarnessOptions {
  responder: Responder;
  profile?: Partial<AgentProfile>;
  config?: Partial<EngineConfig>;
  mode?: ConversationMode;
  asyncVad?: boolean;
  callId?: string;
  /** A real synthesiser instead of FakeTts (vendor providers against their local servers). */
  tts?: TtsProvider;
}

export const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

export class CallHarness {
  readonly clock = new FakeClock();
  readonly words = new Words();
  readonly vad: FakeVad;
  readonly stt = new FakeStt(this.words);
  readonly tts = new FakeTts();
  readonly actions = new FakeActions();
  readonly sink = new PlayoutSink(this.clock.now);
  readonly observer = new RecordingObserver(this.clock.now);
  readonly session: ControllableCallSession;

  constructor(opts: HarnessOptions) {
    this.vad = new FakeVad(opts.asyncVad ?? false);
    this.session = createCallSession({
      callId: opts.callId ?? "call_1",
      profile: testProfile(opts.profile),
      mode: opts.mode ?? "normal",
      responder: opts.responder,
      sink: this.sink,
      observer: this.observer,
      actions: this.actions,
      speech: { vad: this.vad, stt: this.stt, tts: opts.tts ?? this.tts },
      now: this.clock.now,
      wallClock: () => new Date("2026-03-02T15:00:00Z"),
      config: opts.config,
    });
    this.sink.markPlayed = (id) => this.session.markPlayed(id);
  }

  async start(): Promise<void> {
    this.session.start();
    await settle();
  }

  /** One 20 ms frame: caller audio in, playout, tick, then let async work settle. */
  async frame(prob: number, wordsId = 0): Promise<void> {
    this.clock.advance(20);
    this.session.audio(callerFrame(prob, wordsId));
    this.sink.play();
    this.session.tick();
    await settle();
  }

  async say(words: string, ms: number): Promise<void> {
    const id = this.words.id(words);
    for (let t = 0; t < ms; t += 20) await this.frame(0.9, id);
  }

  async silence(ms: number): Promise<void> {
    for (let t = 0; t < ms; t += 20) await this.frame(0.05);
  }

  /** Silence until `cond` holds (or `maxMs` passed); returns the ms waited. */
  async until(cond: () => boolean, maxMs = 30_000): Promise<number> {
    let waited = 0;
    while (!cond() && waited < maxMs) {
      await this.frame(0.05);
      waited += 20;
    }
    if (!cond()) throw new Error(`condition not reached within ${maxMs} ms`);
    return waited;
  }

  agentTurns() {
    return this.observer.turns.filter((t) => t.role === "AGENT");
  }

  callerTurns() {
    return this.observer.turns.filter((t) => t.role === "CALLER");
  }

  /** Waits until the agent has finished everything it was saying (back to listening). */
  async untilListening(maxMs?: number): Promise<number> {
    return this.until(() => this.session.state === "listening", maxMs);
  }
}
