// One call: greeting → listening → thinking → speaking → listening … → ending → ended.
//
// The session owns the turn log, the conversation history the responder reads, and the cancellation
// of in-flight work. It never sets a timer: the shared tick (and caller frames) check the endpoint
// deadline, the silence clock and the call's time limit against deps.now(). Everything it produces
// goes out through the sink (audio, marks, control) and the observer (turns, events, usage).
//
// Where time is measured from:
// - endpoint: from the VAD speech-end (end of the last voiced frame); deadline = speechEnd + the
//   adaptive delay. Speech resuming before the deadline cancels it and the utterance continues.
// - silence: from the moment the agent's last segment was heard (its mark).
// - max duration: from the session's creation (the call was answered).
import type { ConversationItem, ResponderEvent, ToolName, ToolSpec } from "../providers/responder/types";
import { splitLatency } from "./latency";
import { greetingLine, HUMAN_REQUEST_EVENT, prompts } from "./prompts";
import { AgentReply, type ReplyContext } from "./speech/agent-reply";
import { runTool, toolSpecsFor, type ToolEffect, type ToolOutcome } from "./tools";
import { endpointDecision, type EndpointReason } from "./turn-taking/endpointing";
import { VadFeed } from "./turn-taking/vad-feed";
import { VadGate } from "./turn-taking/vad-gate";
import type { CallEventType, CallSessionDeps, ControllableCallSession, EndReason, EngineConfig, SessionState, TurnLatency, TurnRecord, UsageKind } from "./types";

export const DEFAULT_ENGINE_CONFIG: EngineConfig = {
  vadThreshold: 0.5,
  speechStartMs: 60,
  bargeInMinSpeechMs: 200,
  endpoint: {},
  maxSilenceReprompts: 2,
  preRollMs: 200,
  hangoverMs: 160,
};

const MAX_TOOL_ROUNDS = 4;
const MAX_FAILURES = 3;
const DTMF = /^[0-9*#A-D]$/;

/** When a caller turn's stages happened (ms, monotonic); text turns have no audio stages. */
interface CallerTiming {
  text: boolean;
  speechEnd: number;
  decisionAt: number;
  finalAt: number;
  /** The recogniser's own time (SttResult.providerMs), -1 if it did not say. */
  sttProviderMs: number;
}

type After = ToolEffect | { kind: "end"; reason: EndReason };

/** The reply currently owned by the session, with what happens once it has been heard. */
interface Speaking {
  reply: AgentReply;
  interruptible: boolean;
  timing: CallerTiming | null;
  startedAt: number;
  after: After;
  failuresAtStart: number;
}

export function createCallSession(deps: CallSessionDeps): ControllableCallSession {
  return new Session(deps);
}

class Session implements ControllableCallSession {
  private current: Speaking | null = null;
  private stateValue: SessionState = "idle";
  private readonly cfg: EngineConfig;
  private readonly startedAt: number;
  private readonly tools: ToolSpec[];
  private readonly history: ConversationItem[] = [];
  private readonly gate: VadGate | null;
  private readonly feed: VadFeed | null;
  private readonly replyCtx: ReplyContext;
  private turnIndex = 0;
  private replyCount = 0;
  private toolCallCount = 0;
  // Endpointing: >= 0 while waiting for the caller's turn to end.
  private deadline = -1;
  private speechEndAt = 0;
  private utteranceOnset = 0;
  private continuing = false; // the current utterance resumed after a pause (its start was earlier)
  private partial = "";
  private endpointReason: EndpointReason = "default";
  private endpointDelay = 0;
  private finalizing = false;
  private silenceSince: number;
  private reprompts = 0;
  private failures = 0;
  private closing = false;
  private released = false;
  private operatorAsked = false;
  private endedByOperator = false; // its goodbye is the one ending the call: call.ended says so

  constructor(private readonly deps: CallSessionDeps) {
    this.cfg = { ...DEFAULT_ENGINE_CONFIG, ...deps.config };
    this.startedAt = deps.now();
    this.silenceSince = this.startedAt;
    this.tools = toolSpecsFor(deps.profile);
    const speech = deps.speech;
    this.gate = speech
      ? new VadGate({ threshold: this.cfg.vadThreshold, speechStartMs: this.cfg.speechStartMs, preRollMs: this.cfg.preRollMs, hangoverMs: this.cfg.hangoverMs })
      : null;
    this.feed = speech ? new VadFeed(speech.vad, (frame, prob, at) => this.onFrame(frame, prob, at), (e) => this.reportError(e, "vad", false)) : null;
    this.replyCtx = {
      sink: deps.sink,
      tts: speech?.tts,
      voiceId: deps.profile.voiceId,
      language: deps.profile.language,
      now: deps.now,
      usage: (kind, quantity) => this.usage(kind, quantity),
      ttsFailed: (e) => this.reportError(e, "tts", true),
      providerFault: (fault) => this.emit("provider.fault", { ...fault }),
      changed: (reply) => this.onReplyChanged(reply),
      segmentStarted: (segmentId, text) => this.emit("agent.segment", { segmentId, text }),
    };
  }

  get state(): SessionState {
    return this.stateValue;
  }

  private get ended(): boolean {
    return this.stateValue === "ended";
  }

  // ── transport inputs ────────────────────────────────────────────────────────────────────────

  start(): void {
    if (this.stateValue !== "idle") return;
    this.speak(greetingLine(this.deps.profile, this.deps.mode), "greeting", { interruptible: true });
  }

  audio(frame: Int16Array): void {
    if (this.ended || !this.feed) return;
    this.feed.push(frame, this.deps.now());
  }

  callerText(text: string): void {
    if (this.ended || this.closing || this.stateValue === "idle") return;
    const now = this.deps.now();
    if (this.current?.interruptible) this.interruptCurrent(now, true);
    else if (this.current) return; // a closing line is playing: the call is ending
    const clean = text.trim();
    this.reprompts = 0;
    this.recordTurn({ role: "CALLER", text: clean, understood: clean.length > 0, startMs: this.rel(now), endMs: this.rel(now) });
    this.history.push({ role: "caller", text: clean, understood: clean.length > 0 });
    this.answer({ text: true, speechEnd: now, decisionAt: now, finalAt: now, sttProviderMs: -1 });
  }

  dtmf(digit: string): void {
    if (this.ended || !DTMF.test(digit)) return;
    this.emit("dtmf", { digit });
    if (digit !== "0" || this.closing || (this.current && !this.current.interruptible)) {
      // Other keys (or a 0 while the agent is closing or committed) only inform the responder.
      this.history.push({ role: "event", text: `caller pressed ${digit}` });
      return;
    }
    this.history.push({ role: "event", text: HUMAN_REQUEST_EVENT });
    if (this.current) this.interruptCurrent(this.deps.now(), true);
    this.cancelEndpoint();
    // After hours nobody is there to take the call: the responder explains and offers a message.
    const canTransfer = this.deps.mode === "normal" && this.deps.profile.tools.includes("transfer_call") && this.deps.profile.transferPhoneNumber;
    if (canTransfer)
      this.transferNow().catch((e: unknown) => this.reportError(e, "engine", false));
    else this.answer(null);
  }

  markPlayed(segmentId: string): void {
    if (this.ended) return;
    this.current?.reply.markPlayed(segmentId);
  }

  tick(): void {
    if (this.ended || this.stateValue === "idle") return;
    const now = this.deps.now();
    if (!this.closing && now - this.startedAt >= this.deps.profile.maxCallDurationSec * 1000) {
      this.closeForMaxDuration();
      return;
    }
    this.checkDeadline(now);
    this.checkSilence(now);
  }

  callerHangup(): void {
    if (this.ended) return;
    const now = this.deps.now();
    if (this.current) this.interruptCurrent(now, false);
    this.finish("CALLER_HANGUP");
  }

  endByOperator(): void {
    if (this.ended || this.operatorAsked) return;
    this.operatorAsked = true;
    if (this.stateValue === "idle") {
      this.endedByOperator = true;
      // Never greeted: nothing to say goodbye over.
      this.finish("AGENT_HANGUP");
      this.deps.sink.hangup("AGENT_HANGUP");
      return;
    }
    this.endedByOperator = this.closeWith(prompts.operatorEnd, "AGENT_HANGUP");
  }

  close(): void {
    // A transport that closes without a hang-up still gets exactly one "ended".
    if (!this.ended) this.callerHangup();
    this.release();
  }

  // ── caller audio ────────────────────────────────────────────────────────────────────────────

  private onFrame(frame: Int16Array, prob: number, at: number): void {
    const gate = this.gate;
    const stt = this.deps.speech?.stt;
    if (this.ended || !gate || !stt) return;
    const feeding = gate.inSpeech || this.deadline >= 0;
    const event = gate.push(frame, prob, at, !feeding);
    if (feeding) stt.write(frame);
    if (event === "start") this.onSpeechStart(stt);
    if (gate.inSpeech && this.current?.interruptible && gate.voicedMs >= this.cfg.bargeInMinSpeechMs) this.bargeIn(at);
    if (event === "end") this.onSpeechEnd(at);
    this.checkDeadline(at);
  }

  private onSpeechStart(stt: { write(frame: Int16Array): void }): void {
    const gate = this.gate as VadGate;
    this.continuing = this.deadline >= 0;
    if (this.continuing) {
      // The caller paused and went on: same utterance, the recogniser already has the audio.
      this.deadline = -1;
      gate.forget();
    } else {
      this.utteranceOnset = gate.onsetAt;
      gate.drain((f) => stt.write(f));
    }
    this.reprompts = 0;
    this.emit("caller.speech_started");
  }

  private onSpeechEnd(at: number): void {
    const gate = this.gate as VadGate;
    const stt = this.deps.speech?.stt;
    if (!stt) return;
    this.emit("caller.speech_ended", { voicedMs: gate.voicedMs });
    if (this.current || this.closing) {
      // Too short to interrupt the agent (a cough, "mm-hm"): it never becomes a turn.
      stt.reset();
      return;
    }
    this.silenceSince = at;
    const partial = stt.partial();
    if (!this.continuing && partial === "" && gate.voicedMs < this.cfg.bargeInMinSpeechMs) {
      // A click or a cough while the agent listens: not worth a turn (and a "sorry?" reply).
      stt.reset();
      return;
    }
    this.speechEndAt = gate.lastVoicedAt;
    this.setPartial(partial);
  }

  private setPartial(partial: string): void {
    this.partial = partial;
    const decision = endpointDecision(partial, this.cfg.endpoint);
    this.endpointReason = decision.reason;
    this.endpointDelay = decision.delayMs;
    this.deadline = this.speechEndAt + decision.delayMs;
  }

  private checkDeadline(now: number): void {
    if (this.deadline < 0) return;
    const stt = this.deps.speech?.stt;
    if (!stt) return;
    // The recogniser may still be catching up on the last words: judge the newest hypothesis.
    const partial = stt.partial();
    if (partial !== this.partial) this.setPartial(partial);
    if (now < this.deadline) return;
    this.deadline = -1;
    this.emit("endpoint", { reason: this.endpointReason, delayMs: this.endpointDelay });
    const timing: CallerTiming = { text: false, speechEnd: this.speechEndAt, decisionAt: now, finalAt: -1, sttProviderMs: -1 };
    const onset = this.utteranceOnset;
    this.finalizing = true;
    this.setState("thinking");
    stt.finalize().then(
      (result) => {
        this.finalizing = false;
        if (this.ended) return;
        timing.finalAt = this.deps.now();
        timing.sttProviderMs = result.providerMs ?? -1;
        this.usage("STT_SECONDS", result.audioSec);
        this.recordTurn({ role: "CALLER", text: result.text, understood: result.understood, startMs: this.rel(onset), endMs: this.rel(timing.speechEnd) });
        this.history.push({ role: "caller", text: result.text, understood: result.understood });
        if (this.current?.interruptible) this.interruptCurrent(this.deps.now(), true);
        if (!this.current && !this.closing) this.answer(timing);
      },
      (error: unknown) => {
        this.finalizing = false;
        if (this.ended) return;
        this.reportError(error, "stt", false);
        if (!this.current && !this.closing) this.speak(prompts.apology, "speaking", { interruptible: true });
      },
    ).catch((e: unknown) => this.reportError(e, "engine", false));
  }

  private cancelEndpoint(): void {
    if (this.deadline < 0) return;
    this.deadline = -1;
    this.deps.speech?.stt.reset();
  }

  private bargeIn(at: number): void {
    const speechMs = this.gate?.voicedMs ?? 0;
    const heardText = this.interruptCurrent(at, true);
    this.emit("barge_in", { speechMs, heardText });
  }

  // ── agent speech ────────────────────────────────────────────────────────────────────────────

  private newSpeaking(timing: CallerTiming | null, interruptible: boolean, after: After = { kind: "none" }): Speaking {
    const reply = new AgentReply(this.replyCtx, `r${++this.replyCount}`);
    const sp: Speaking = { reply, interruptible, timing, startedAt: this.deps.now(), after, failuresAtStart: this.failures };
    this.current = sp;
    return sp;
  }

  /** A line the engine says itself (greeting, re-prompt, closing). */
  private speak(text: string, state: SessionState, opts: { interruptible: boolean; after?: After }): void {
    const sp = this.newSpeaking(null, opts.interruptible, opts.after);
    this.setState(state);
    sp.reply.pushText(text);
    sp.reply.endStream();
  }

  private answer(timing: CallerTiming | null): void {
    const sp = this.newSpeaking(timing, true);
    this.setState("thinking");
    this.respond(sp).catch((e: unknown) => this.reportError(e, "engine", false));
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
        const stream = responder.respond({ profile, mode, history: this.history.slice(), tools: this.tools, now: this.wallClock(), signal, onFirstToken });
        for await (const ev of stream) {
          if (signal.aborted) break;
          if (ev.type === "text") {
            reply.pushText(ev.delta);
            if (this.stateValue === "thinking" && this.current === sp) this.setState("speaking");
          } else if (ev.type === "tool_call") calls.push(ev);
          else if (ev.type === "fault") this.emit("provider.fault", { provider: ev.provider, capability: ev.capability, error: ev.error, action: ev.action });
          else {
            this.usage("LLM_INPUT_TOKENS", ev.inputTokens);
            this.usage("LLM_OUTPUT_TOKENS", ev.outputTokens);
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
      this.reportError(error, "responder", true);
      reply.flushText();
      if (this.failures >= MAX_FAILURES) {
        sp.after = { kind: "end", reason: "ERROR" };
        sp.interruptible = false;
        reply.pushText(prompts.fatalApology);
      } else reply.pushText(prompts.apology);
    }
    reply.endStream();
  }

  private async runToolCall(id: string, name: ToolName, args: Record<string, unknown>): Promise<ToolOutcome> {
    this.emit("tool.started", { name, args });
    const started = this.deps.now();
    const outcome = await runTool(this.deps.profile, this.deps.actions, name, args, (e) => this.reportError(e, "tool", false));
    this.recordTurn({ role: "TOOL", text: name, toolName: name, toolArgs: args, toolResult: outcome.result, startMs: this.rel(started), endMs: this.rel(this.deps.now()) });
    this.history.push({ role: "tool_call", id, name, args }, { role: "tool_result", id, name, result: outcome.result });
    this.emit("tool.finished", { name, ok: outcome.result.ok });
    return outcome;
  }

  private async transferNow(): Promise<void> {
    const sp = this.newSpeaking(null, false);
    this.setState("speaking");
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
      this.recordTurn({ role: "AGENT", text, startMs: this.rel(sp.startedAt), endMs: this.rel(now), latency: this.latencyOf(sp) });
      this.history.push({ role: "agent", text });
    }
    const after = sp.after;
    if (after.kind === "transfer") {
      // Ended first: a transport may close the stream (and the session) inside transfer/hangup.
      this.emit("transfer", { to: after.to });
      this.finish("TRANSFERRED");
      this.deps.sink.transfer(after.to);
      return;
    }
    if (after.kind === "hangup" || after.kind === "end") {
      const reason = after.kind === "end" ? after.reason : "AGENT_HANGUP";
      this.finish(reason);
      this.deps.sink.hangup(reason);
      return;
    }
    if (this.failures === sp.failuresAtStart) this.failures = 0;
    else if (this.failures >= MAX_FAILURES) {
      this.speak(prompts.fatalApology, "ending", { interruptible: false, after: { kind: "end", reason: "ERROR" } });
      return;
    }
    this.silenceSince = reply.lastPlayedAt >= 0 ? reply.lastPlayedAt : now;
    this.setState("listening");
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
      this.recordTurn({ role: "AGENT", text, heardText: heard, interrupted: true, startMs: this.rel(sp.startedAt), endMs: this.rel(now), latency: this.latencyOf(sp) });
      this.history.push({ role: "agent", text: heard, interrupted: true });
    }
    if (!this.ended && !this.closing) this.setState("listening");
    return heard;
  }

  // ── clocks ──────────────────────────────────────────────────────────────────────────────────

  private checkSilence(now: number): void {
    const timeoutMs = this.deps.profile.silenceTimeoutSec * 1000;
    if (this.stateValue !== "listening" || this.current || this.finalizing || this.deadline >= 0 || this.gate?.inSpeech || timeoutMs <= 0) return;
    if (now - this.silenceSince < timeoutMs) return;
    this.reprompts++;
    if (this.reprompts > this.cfg.maxSilenceReprompts) {
      this.closing = true;
      this.speak(prompts.silenceGoodbye, "ending", { interruptible: false, after: { kind: "end", reason: "SILENCE_TIMEOUT" } });
      return;
    }
    this.emit("silence.reprompt", { count: this.reprompts });
    this.history.push({ role: "event", text: `caller silent ${Math.round((now - this.silenceSince) / 1000)} s` });
    this.speak(prompts.silenceReprompt(this.reprompts), "speaking", { interruptible: true });
  }

  private closeForMaxDuration(): void {
    this.closeWith(prompts.maxDuration, "MAX_DURATION");
  }

  /** Stops whatever is going on and says `line`, then hangs up once it was heard. false: a closing line was already on its way. */
  private closeWith(line: string, reason: EndReason): boolean {
    this.closing = true;
    // A closing line already on its way (a goodbye, a transfer announcement) ends the call anyway.
    if (this.current && !this.current.interruptible && this.current.after.kind !== "none") return false;
    if (this.current) this.interruptCurrent(this.deps.now(), true);
    this.cancelEndpoint();
    if (this.gate?.inSpeech) this.deps.speech?.stt.reset();
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

  private recordTurn(turn: Omit<TurnRecord, "index">): void {
    const record: TurnRecord = { index: this.turnIndex++, ...turn };
    if (record.latency === undefined) delete record.latency;
    try {
      this.deps.observer.turn(record);
    } catch (error) {
      this.reportError(error, "observer", false);
    }
  }

  private usage(kind: UsageKind, quantity: number): void {
    try {
      this.deps.observer.usage(kind, quantity);
    } catch (error) {
      this.reportError(error, "observer", false);
    }
  }

  private reportError(error: unknown, source: string, counts: boolean): void {
    if (counts) this.failures++;
    const message = error instanceof Error ? error.message : String(error);
    this.emit("error", { source, message });
  }

  private setState(state: SessionState): void {
    if (this.stateValue === state || this.ended) return;
    this.stateValue = state;
    this.emit("state.changed", { state });
  }

  private emit(type: CallEventType, payload?: Record<string, unknown>): void {
    try {
      this.deps.observer.event(type, payload);
    } catch {
      // An observer failure must not take the call down; persistence reports its own errors.
    }
  }

  private finish(reason: EndReason): void {
    if (this.ended) return;
    const now = this.deps.now();
    this.setState("ended");
    this.emit("call.ended", this.endedByOperator ? { reason, by: "admin" } : { reason });
    this.usage("CALL_SECONDS", Math.max(0, (now - this.startedAt) / 1000));
    try {
      this.deps.observer.ended(reason, this.rel(now));
    } catch (error) {
      this.reportError(error, "observer", false);
    }
    this.release();
  }

  private release(): void {
    if (this.released) return;
    this.released = true;
    this.current?.reply.abort();
    this.current = null;
    this.deadline = -1;
    this.gate?.reset();
    this.feed?.close();
    this.deps.speech?.vad.close();
    this.deps.speech?.stt.close();
  }

  private wallClock(): Date {
    return this.deps.wallClock?.() ?? new Date();
  }

  private rel(t: number): number {
    return Math.max(0, Math.round(t - this.startedAt));
  }
}
