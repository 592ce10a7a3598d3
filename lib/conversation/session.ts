// One call: greeting → listening → thinking → speaking → listening … → ending → ended.
//
// The session owns the conversation history the responder reads, the reply being spoken and the
// cancellation of in-flight work; the caller's side (VAD, recogniser, endpointing) is the
// CallerListener's, and what every engine does alike (state, turns, events, usage, the end) is the
// CallLifecycle's. It never sets a timer: the shared tick (and caller frames) check the endpoint
// deadline, the silence clock and the call's time limit against deps.now(). Everything it produces
// goes out through the sink (audio, marks, control) and the observer (turns, events, usage).
//
// Where time is measured from:
// - endpoint: see turn-taking/caller-listener.ts (from the VAD speech-end).
// - silence: from the moment the agent's last segment was heard (its mark).
// - max duration: from the session's creation (the call was answered).
// - barge-in: caller speech over the agent pauses its audio once bargeInPauseMs of it was voiced (the
//   caller stops hearing the agent within ~100 ms of starting to talk), and interrupts the reply once
//   bargeInMinSpeechMs was; speech that ends before that (a cough, "mm-hm") resumes the reply where it
//   stopped, nothing lost.
import type { ConversationItem, ResponderEvent, ToolName, ToolSpec } from "../providers/responder/types";
import type { SttResult } from "../providers/speech/types";
import { CallLifecycle, type AfterReply } from "./call-lifecycle";
import { splitLatency } from "./latency";
import { greetingLine, HUMAN_REQUEST_EVENT, prompts } from "./prompts";
import { AgentReply, type ReplyContext } from "./speech/agent-reply";
import { runTool, toolSpecsFor, type ToolOutcome } from "./tools";
import { CallerListener, type CallerTiming } from "./turn-taking/caller-listener";
import { expectedAnswer } from "./turn-taking/expected-answer";
import type { CallSessionDeps, ControllableCallSession, EndReason, EngineConfig, SessionState, TurnLatency } from "./types";

export const DEFAULT_ENGINE_CONFIG: EngineConfig = {
  vadThreshold: 0.5,
  speechStartMs: 60,
  bargeInMinSpeechMs: 200,
  bargeInPauseMs: 60,
  endpoint: {},
  maxSilenceReprompts: 2,
  preRollMs: 200,
  hangoverMs: 160,
  sttTrailMs: 300,
};

const MAX_TOOL_ROUNDS = 4;
const MAX_FAILURES = 3;
const DTMF = /^[0-9*#A-D]$/;

/** The reply currently owned by the session, with what happens once it has been heard. */
interface Speaking {
  reply: AgentReply;
  interruptible: boolean;
  timing: CallerTiming | null;
  startedAt: number;
  after: AfterReply;
  failuresAtStart: number;
  /** The reply's segments that have started playing: what the caller's next answer responds to. */
  said: string;
}

export function createCallSession(deps: CallSessionDeps): ControllableCallSession {
  return new Session(deps);
}

class Session implements ControllableCallSession {
  private current: Speaking | null = null;
  private readonly life: CallLifecycle;
  private readonly cfg: EngineConfig;
  private readonly tools: ToolSpec[];
  private readonly history: ConversationItem[] = [];
  private readonly listener: CallerListener | null;
  private readonly replyCtx: ReplyContext;
  private replyCount = 0;
  private toolCallCount = 0;
  private silenceSince: number;
  private reprompts = 0;
  private failures = 0;
  private closing = false;

  constructor(private readonly deps: CallSessionDeps) {
    this.cfg = { ...DEFAULT_ENGINE_CONFIG, ...deps.config };
    this.life = new CallLifecycle(deps, { release: () => this.release(), closeWith: (line, reason) => this.closeWith(line, reason) });
    this.silenceSince = this.life.startedAt;
    this.tools = toolSpecsFor(deps.profile);
    const speech = deps.speech;
    this.listener = speech
      ? new CallerListener(speech, this.cfg, {
          now: deps.now,
          emit: (type, payload) => this.life.emit(type, payload),
          reportError: (e, source) => this.life.reportError(e, source),
          agentHasFloor: () => this.current !== null || this.closing,
          speech: (inSpeech, voicedMs, at) => this.onCallerSpeech(inSpeech, voicedMs, at),
          speechStarted: () => {
            this.reprompts = 0;
            this.life.emit("caller.speech_started");
          },
          callerSpoke: (at) => void (this.silenceSince = at),
          endpointReached: () => this.life.setState("thinking"),
          callerTurn: (result, timing, onset) => this.onCallerTurn(result, timing, onset),
          sttFailed: (error) => {
            this.life.reportError(error, "stt");
            if (!this.current && !this.closing) this.speak(prompts.apology, "speaking", { interruptible: true });
          },
        })
      : null;
    this.replyCtx = {
      sink: deps.sink,
      tts: speech?.tts,
      voiceId: deps.profile.voiceId,
      ttsModel: deps.profile.ttsModel ?? undefined,
      language: deps.profile.language,
      now: deps.now,
      usage: (kind, quantity, model) => this.life.usage(kind, quantity, model),
      ttsFailed: (e) => this.fail(e, "tts"),
      providerFault: (fault) => this.life.emit("provider.fault", { ...fault }),
      changed: (reply) => this.onReplyChanged(reply),
      segmentStarted: (segmentId, text) => this.onSegmentStarted(segmentId, text),
    };
  }

  get state(): SessionState {
    return this.life.state;
  }

  private get ended(): boolean {
    return this.life.ended;
  }

  // ── transport inputs ────────────────────────────────────────────────────────────────────────

  start(): void {
    if (this.life.state !== "idle") return;
    this.speak(greetingLine(this.deps.profile, this.deps.mode), "greeting", { interruptible: true });
  }

  audio(frame: Int16Array): void {
    if (!this.ended) this.listener?.push(frame, this.deps.now());
  }

  callerText(text: string): void {
    if (this.ended || this.closing || this.life.state === "idle") return;
    const now = this.deps.now();
    if (this.current?.interruptible) this.interruptCurrent(now, true);
    else if (this.current) return; // a closing line is playing: the call is ending
    const clean = text.trim();
    this.reprompts = 0;
    this.life.recordTurn({ role: "CALLER", text: clean, understood: clean.length > 0, startMs: this.life.rel(now), endMs: this.life.rel(now) });
    this.history.push({ role: "caller", text: clean, understood: clean.length > 0 });
    this.answer({ text: true, speechEnd: now, decisionAt: now, finalAt: now, sttProviderMs: -1 });
  }

  dtmf(digit: string): void {
    if (this.ended || !DTMF.test(digit)) return;
    this.life.emit("dtmf", { digit });
    if (digit !== "0" || this.closing || (this.current && !this.current.interruptible)) {
      // Other keys (or a 0 while the agent is closing or committed) only inform the responder.
      this.history.push({ role: "event", text: `caller pressed ${digit}` });
      return;
    }
    this.history.push({ role: "event", text: HUMAN_REQUEST_EVENT });
    if (this.current) this.interruptCurrent(this.deps.now(), true);
    this.listener?.cancelEndpoint();
    // After hours nobody is there to take the call: the responder explains and offers a message.
    const canTransfer = this.deps.mode === "normal" && this.deps.profile.tools.includes("transfer_call") && this.deps.profile.transferPhoneNumber;
    if (canTransfer)
      this.transferNow().catch((e: unknown) => this.life.reportError(e, "engine"));
    else this.answer(null);
  }

  markPlayed(segmentId: string): void {
    if (this.ended) return;
    this.current?.reply.markPlayed(segmentId);
  }

  tick(): void {
    if (this.ended || this.life.state === "idle") return;
    const now = this.deps.now();
    if (!this.closing && now - this.life.startedAt >= this.deps.profile.maxCallDurationSec * 1000) {
      this.closeWith(prompts.maxDuration, "MAX_DURATION");
      return;
    }
    this.listener?.tick(now);
    this.checkSilence(now);
  }

  callerHangup(): void {
    if (this.ended) return;
    if (this.current) this.interruptCurrent(this.deps.now(), false);
    this.life.finish("CALLER_HANGUP");
  }

  endByOperator(): void {
    this.life.endByOperator();
  }

  close(): void {
    // A transport that closes without a hang-up still gets exactly one "ended".
    if (!this.ended) this.callerHangup();
    this.life.release();
  }

  // ── the caller ──────────────────────────────────────────────────────────────────────────────

  /** Every scored frame: what caller speech does to the agent's reply. */
  private onCallerSpeech(inSpeech: boolean, voicedMs: number, at: number): void {
    const sp = this.current;
    if (!sp) return;
    if (inSpeech && sp.interruptible) {
      if (voicedMs >= this.cfg.bargeInMinSpeechMs) this.bargeIn(at, voicedMs);
      else if (voicedMs >= this.cfg.bargeInPauseMs) this.pauseForCaller(sp, voicedMs);
    } else if (sp.reply.paused) {
      // The speech ended short of a barge-in, or the reply became one that must be heard (a transfer
      // announcement) while paused: play on.
      this.resumeAfterCaller(sp, voicedMs);
    }
  }

  private onCallerTurn(result: SttResult, timing: CallerTiming, onset: number): void {
    if (this.ended) return;
    this.life.usage("STT_SECONDS", result.audioSec);
    const startMs = this.life.rel(onset);
    const endMs = this.life.rel(timing.speechEnd);
    this.life.recordTurn({ role: "CALLER", text: result.text, understood: result.understood, startMs, endMs });
    this.history.push({ role: "caller", text: result.text, understood: result.understood, startMs, endMs });
    if (this.current?.interruptible) this.interruptCurrent(this.deps.now(), true);
    if (!this.current && !this.closing) this.answer(timing);
  }

  private pauseForCaller(sp: Speaking, speechMs: number): void {
    const sink = this.deps.sink;
    if (sp.reply.paused || sp.reply.silent || !sink.pause) return;
    sp.reply.pause(this.deps.now());
    sink.pause();
    this.life.emit("agent.paused", { speechMs });
  }

  private resumeAfterCaller(sp: Speaking, speechMs: number): void {
    const now = this.deps.now();
    const pausedMs = Math.round(now - sp.reply.pausedSince);
    sp.reply.resume(now);
    this.deps.sink.resume?.();
    this.life.emit("agent.resumed", { pausedMs, speechMs });
  }

  private bargeIn(at: number, speechMs: number): void {
    const heardText = this.interruptCurrent(at, true);
    this.life.emit("barge_in", { speechMs, heardText });
  }

  // ── agent speech ────────────────────────────────────────────────────────────────────────────

  private newSpeaking(timing: CallerTiming | null, interruptible: boolean, after: AfterReply = { kind: "none" }): Speaking {
    const reply = new AgentReply(this.replyCtx, `r${++this.replyCount}`);
    const sp: Speaking = { reply, interruptible, timing, startedAt: this.deps.now(), after, failuresAtStart: this.failures, said: "" };
    this.current = sp;
    return sp;
  }

  private onSegmentStarted(segmentId: string, text: string): void {
    this.life.emit("agent.segment", { segmentId, text });
    const sp = this.current;
    if (!sp) return;
    sp.said = sp.said ? `${sp.said} ${text}` : text;
    this.listener?.expectAnswer(expectedAnswer(sp.said));
  }

  /** A line the engine says itself (greeting, re-prompt, closing). */
  private speak(text: string, state: SessionState, opts: { interruptible: boolean; after?: AfterReply }): void {
    const sp = this.newSpeaking(null, opts.interruptible, opts.after);
    this.life.setState(state);
    sp.reply.pushText(text);
    sp.reply.endStream();
  }

  private answer(timing: CallerTiming | null): void {
    const sp = this.newSpeaking(timing, true);
    this.life.setState("thinking");
    this.respond(sp).catch((e: unknown) => this.life.reportError(e, "engine"));
  }

  private async respond(sp: Speaking): Promise<void> {
    const { reply } = sp;
    const signal = reply.controller.signal;
    const { profile, mode, responder } = this.deps;
    // Model time before the first words (a tool round first adds its own): the LLM part of the latency.
    const onFirstToken = (ms: number) => {
      if (reply.firstTextAt < 0) reply.llmProviderMs = Math.max(0, reply.llmProviderMs) + ms;
    };
    try {
      for (let round = 0; round < MAX_TOOL_ROUNDS; round++) {
        const calls: Extract<ResponderEvent, { type: "tool_call" }>[] = [];
        const stream = responder.respond({ profile, mode, history: this.history.slice(), tools: this.tools, now: this.wallClock(), hearsNames: !this.deps.speech?.stt.closedVocabulary, signal, onFirstToken });
        for await (const ev of stream) {
          if (signal.aborted) break;
          if (ev.type === "text") {
            reply.pushText(ev.delta);
            if (this.life.state === "thinking" && this.current === sp) this.life.setState("speaking");
          } else if (ev.type === "tool_call") calls.push(ev);
          else if (ev.type === "fault") this.life.emit("provider.fault", { provider: ev.provider, capability: ev.capability, error: ev.error, action: ev.action });
          else {
            this.life.usage("LLM_INPUT_TOKENS", ev.inputTokens, ev.model);
            this.life.usage("LLM_OUTPUT_TOKENS", ev.outputTokens, ev.model);
          }
        }
        if (signal.aborted || calls.length === 0) break;
        reply.flushText(); // the caller hears "let me check" while the tool runs
        for (const call of calls) {
          // Runs to the end even if the caller interrupts: its effect (a saved message) is real.
          const outcome = await this.runToolCall(call.id, call.name, call.args);
          if (outcome.effect.kind !== "none" && !signal.aborted && sp.after.kind === "none") {
            sp.after = outcome.effect;
            sp.interruptible = false; // the agent committed to hand over or hang up
          }
        }
        // A transfer or hang-up is the end of the reply: its words were said with the tool call.
        if (signal.aborted || sp.after.kind !== "none") break;
      }
      if (signal.aborted) return;
      if (sp.after.kind !== "none" && !reply.text.trim()) reply.pushText(sp.after.kind === "transfer" ? prompts.transferAnnouncement : prompts.endCallGoodbye);
    } catch (error) {
      if (signal.aborted) return;
      this.fail(error, "responder");
      reply.flushText();
      if (this.failures >= MAX_FAILURES) {
        sp.after = { kind: "end", reason: "PROVIDER_ERROR" };
        sp.interruptible = false;
        reply.pushText(prompts.fatalApology);
      } else reply.pushText(prompts.apology);
    }
    reply.endStream();
  }

  private async runToolCall(id: string, name: ToolName, args: Record<string, unknown>): Promise<ToolOutcome> {
    this.life.emit("tool.started", { name, args });
    const started = this.deps.now();
    const outcome = await runTool(this.deps.profile, this.deps.actions, name, args, (e) => this.life.reportError(e, "tool"));
    this.life.recordTurn({ role: "TOOL", text: name, toolName: name, toolArgs: args, toolResult: outcome.result, startMs: this.life.rel(started), endMs: this.life.rel(this.deps.now()) });
    this.history.push({ role: "tool_call", id, name, args }, { role: "tool_result", id, name, result: outcome.result });
    this.life.emit("tool.finished", { name, ok: outcome.result.ok });
    return outcome;
  }

  private async transferNow(): Promise<void> {
    const sp = this.newSpeaking(null, false);
    this.life.setState("speaking");
    const outcome = await this.runToolCall(`dtmf-${++this.toolCallCount}`, "transfer_call", { reason: "caller pressed 0" });
    if (this.current !== sp || sp.reply.aborted) return;
    if (outcome.effect.kind === "transfer") {
      sp.after = outcome.effect;
      sp.reply.pushText(prompts.transferAnnouncement);
    } else sp.reply.pushText(prompts.apology);
    sp.reply.endStream();
  }

  private onReplyChanged(reply: AgentReply): void {
    const sp = this.current;
    if (!sp || sp.reply !== reply || !reply.finished || this.ended) return;
    this.current = null;
    const now = this.deps.now();
    const text = reply.text.trim();
    if (text) {
      this.life.recordTurn({ role: "AGENT", text, startMs: this.life.rel(sp.startedAt), endMs: this.life.rel(now), latency: this.latencyOf(sp) });
      this.history.push({ role: "agent", text });
    }
    if (this.life.carryOut(sp.after)) return;
    if (this.failures === sp.failuresAtStart) this.failures = 0;
    else if (this.failures >= MAX_FAILURES) {
      this.speak(prompts.fatalApology, "ending", { interruptible: false, after: { kind: "end", reason: "PROVIDER_ERROR" } });
      return;
    }
    this.silenceSince = reply.lastPlayedAt >= 0 ? reply.lastPlayedAt : now;
    this.life.setState("listening");
  }

  /** Stops the current reply and records what the caller heard of it. Returns that text. */
  private interruptCurrent(now: number, clear: boolean): string {
    const sp = this.current;
    if (!sp) return "";
    this.current = null;
    const heard = sp.reply.heardText(now);
    sp.reply.abort();
    if (clear && !sp.reply.silent) this.deps.sink.clear();
    const text = sp.reply.text.trim();
    if (text) {
      this.life.recordTurn({ role: "AGENT", text, heardText: heard, interrupted: true, startMs: this.life.rel(sp.startedAt), endMs: this.life.rel(now), latency: this.latencyOf(sp) });
      this.history.push({ role: "agent", text: heard, interrupted: true });
    }
    if (!this.ended && !this.closing) this.life.setState("listening");
    return heard;
  }

  // ── clocks ──────────────────────────────────────────────────────────────────────────────────

  private checkSilence(now: number): void {
    const timeoutMs = this.deps.profile.silenceTimeoutSec * 1000;
    if (this.life.state !== "listening" || this.current || this.listener?.busy || timeoutMs <= 0) return;
    if (now - this.silenceSince < timeoutMs) return;
    this.reprompts++;
    if (this.reprompts > this.cfg.maxSilenceReprompts) {
      this.closing = true;
      this.speak(prompts.silenceGoodbye, "ending", { interruptible: false, after: { kind: "end", reason: "SILENCE_TIMEOUT" } });
      return;
    }
    this.life.emit("silence.reprompt", { count: this.reprompts });
    this.history.push({ role: "event", text: `caller silent ${Math.round((now - this.silenceSince) / 1000)} s` });
    this.speak(prompts.silenceReprompt(this.reprompts), "speaking", { interruptible: true });
  }

  /** Stops whatever is going on and says `line`, then hangs up once it was heard. false: a closing line was already on its way. */
  private closeWith(line: string, reason: EndReason): boolean {
    this.closing = true;
    // A closing line already on its way (a goodbye, a transfer announcement) ends the call anyway.
    if (this.current && !this.current.interruptible && this.current.after.kind !== "none") return false;
    if (this.current) this.interruptCurrent(this.deps.now(), true);
    this.listener?.dropUtterance();
    this.speak(line, "ending", { interruptible: false, after: { kind: "end", reason } });
    return true;
  }

  // ── bookkeeping ─────────────────────────────────────────────────────────────────────────────

  private latencyOf(sp: Speaking): TurnLatency | undefined {
    const t = sp.timing;
    if (!t) return undefined;
    const r = sp.reply;
    return splitLatency({
      ...t,
      firstTextAt: r.firstTextAt,
      llmProviderMs: r.llmProviderMs,
      firstTtsSentAt: r.firstTtsSentAt,
      firstTtsAudioAt: r.firstTtsAudioAt,
      ttsProviderMs: r.ttsProviderMs,
      firstOutputAt: r.firstOutputAt,
    });
  }

  /** A provider failure that counts towards giving up (MAX_FAILURES in a row). */
  private fail(error: unknown, source: string): void {
    this.failures++;
    this.life.reportError(error, source);
  }

  private wallClock(): Date {
    return this.deps.wallClock?.() ?? new Date();
  }

  /** Once, from the lifecycle, when the call ends or closes. */
  private release(): void {
    this.current?.reply.abort();
    this.current = null;
    this.listener?.release();
  }
}
