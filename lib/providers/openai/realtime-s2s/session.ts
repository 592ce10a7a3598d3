// A call on OpenAI's Realtime speech-to-speech model: the same CallSession the transports drive and the
// same records (turns, events, usage) as the cascade, with the model hearing and speaking μ-law itself.
// The model's server VAD decides turns and starts answering; this session plays its audio through the
// sink, learns from the marks how much of each item the caller heard, and on a barge-in clears the
// line, truncates the item at that millisecond and cancels the response. Tools run through the
// engine's runner; end_call/transfer_call act once the reply carrying them was heard. The engine's own
// lines (greeting, re-prompts, goodbyes) are "say exactly" responses. Like session.ts it sets no timer:
// the shared tick checks silence and the call's time limit. A socket that drops mid-call is reopened
// and told the conversation so far (recovery.ts); the line itself is opened in line.ts.
import type { RealtimeClientEvent as ClientEvent, RealtimeServerEvent } from "openai/resources/realtime/realtime";
import { encodeMulaw } from "../../../audio/mulaw";
import { greetingLine, HUMAN_REQUEST_EVENT, prompts } from "../../../conversation/prompts";
import { runTool, toolSpecsFor, type ToolEffect } from "../../../conversation/tools";
import type { CallEventType, CallSessionDeps, ControllableCallSession, EndReason, SessionState, TurnRecord, UsageKind } from "../../../conversation/types";
import type { ToolName } from "../../responder/types";
import { parseToolArgs, toolContent } from "../messages";
import { answer, S2S_SILENCE_MS, sayExactly, sessionConfig } from "./config";
import type { TtsProvider } from "../../speech/types";
import { historyItems, LOST_LINE, MAX_DROPS_PER_CALL, reopenWithin, speakWithTts, type HistoryLine } from "./recovery";
import type { S2sSocket } from "./socket";
import { itemOfSegment, SpokenItem } from "./spoken-item";

/** `tts`: the platform's voice, for the apology when the model cannot be reached again. */
export type RealtimeSessionDeps = Omit<CallSessionDeps, "responder" | "speech"> & { tts?: TtsProvider };

type After = ToolEffect | { kind: "end"; reason: EndReason };

/** One model response and what happens once the caller has heard it. */
interface Reply {
  tag: string;
  id: string;
  interruptible: boolean;
  after: After;
  items: SpokenItem[];
  calls: { callId: string; name: string; args: string }[];
  done: boolean;
  toolsRunning: boolean;
  cancelled: boolean;
  startedAt: number;
  /** Answers to the caller's speech: when the caller stopped (for the turn's latency). */
  speechStoppedAt: number;
  firstAudioAt: number;
}

const MAX_SILENCE_REPROMPTS = 2;
const DTMF = /^[0-9*#A-D]$/;

export class RealtimeSession implements ControllableCallSession {
  private socket: S2sSocket | null = null;
  private stateValue: SessionState = "idle";
  private readonly startedAt: number;
  private readonly pending = new Map<string, Pick<Reply, "interruptible" | "after">>();
  private readonly byResponse = new Map<string, Reply>();
  private readonly items = new Map<string, SpokenItem>();
  private readonly itemReply = new Map<SpokenItem, Reply>();
  private readonly callerSpeech = new Map<string, { startMs: number; endMs: number }>();
  private open: Reply[] = [];
  private generating: Reply | null = null;
  private readonly frameBytes = Buffer.alloc(160);
  private tags = 0;
  private turnIndex = 0;
  private callerSpeaking = false;
  private speechStoppedAt = -1;
  private silenceSince: number;
  private reprompts = 0;
  private closing = false;
  private released = false;
  private operatorAsked = false;
  private endedByOperator = false;
  /** What the model has been told happened (replayed onto a reopened socket). */
  private readonly history: HistoryLine[] = [];
  private sessionUpdate: ClientEvent | null = null;
  private reconnecting = false;
  private drops = 0;
  private apologySegment: string | null = null;
  private apologyStartedAt = 0;

  constructor(
    private readonly deps: RealtimeSessionDeps,
    private readonly reopen: ((connectTimeoutMs: number) => Promise<S2sSocket>) | null = null,
  ) {
    this.startedAt = deps.now();
    this.silenceSince = this.startedAt;
  }

  attach(socket: S2sSocket, voice: string): void {
    this.socket = socket;
    const { profile, mode } = this.deps;
    this.sessionUpdate = { type: "session.update", session: sessionConfig(profile, mode, voice, toolSpecsFor(profile), this.deps.wallClock?.() ?? new Date()) };
    socket.send(this.sessionUpdate);
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
    this.setState("greeting");
    this.say(greetingLine(this.deps.profile, this.deps.mode), { interruptible: true, after: { kind: "none" } });
  }

  audio(frame: Int16Array): void {
    if (this.ended || !this.socket) return;
    const n = Math.min(frame.length, this.frameBytes.length);
    encodeMulaw(frame.length === n ? frame : frame.subarray(0, n), this.frameBytes);
    this.socket.appendAudio(this.frameBytes.toString("base64", 0, n));
  }

  callerText(text: string): void {
    if (this.ended || this.closing || this.stateValue === "idle") return;
    const clean = text.trim();
    this.bargeIn(this.deps.now(), 0);
    const at = this.rel(this.deps.now());
    this.recordTurn({ role: "CALLER", text: clean, understood: clean.length > 0, startMs: at, endMs: at });
    this.socket?.send({ type: "conversation.item.create", item: { type: "message", role: "user", content: [{ type: "input_text", text: clean }] } });
    this.request(answer(this.nextTag({ interruptible: true, after: { kind: "none" } })));
  }

  dtmf(digit: string): void {
    if (this.ended || !DTMF.test(digit)) return;
    this.emit("dtmf", { digit });
    const { profile, mode } = this.deps;
    const canTransfer = digit === "0" && !this.closing && mode === "normal" && profile.tools.includes("transfer_call") && profile.transferPhoneNumber;
    if (!canTransfer) {
      const note = digit === "0" ? HUMAN_REQUEST_EVENT : `caller pressed ${digit}`;
      this.socket?.send({ type: "conversation.item.create", item: { type: "message", role: "system", content: [{ type: "input_text", text: `Call event: ${note}.` }] } });
      return;
    }
    this.bargeIn(this.deps.now(), 0);
    this.transferByKey().catch((e: unknown) => this.reportError(e, "engine"));
  }

  markPlayed(segmentId: string): void {
    if (this.ended) return;
    if (segmentId === this.apologySegment) return this.hangUpOnError();
    const item = this.items.get(itemOfSegment(segmentId));
    if (!item) return;
    item.markPlayed(segmentId);
    const reply = this.itemReply.get(item);
    if (reply) this.maybeComplete(reply);
  }

  tick(): void {
    if (this.ended || this.stateValue === "idle") return;
    const now = this.deps.now();
    if (!this.closing && now - this.startedAt >= this.deps.profile.maxCallDurationSec * 1000) {
      this.closeWith(prompts.maxDuration, "MAX_DURATION");
      return;
    }
    this.checkSilence(now);
  }

  callerHangup(): void {
    if (this.ended) return;
    this.cutReplies(this.deps.now(), false);
    this.finish("CALLER_HANGUP");
  }

  endByOperator(): void {
    if (this.ended || this.operatorAsked) return;
    this.operatorAsked = true;
    if (this.stateValue === "idle") {
      this.endedByOperator = true;
      this.finish("AGENT_HANGUP");
      this.deps.sink.hangup("AGENT_HANGUP");
      return;
    }
    this.endedByOperator = this.closeWith(prompts.operatorEnd, "AGENT_HANGUP");
  }

  close(): void {
    if (!this.ended) this.callerHangup();
    this.release();
  }

  // ── the model's events ──────────────────────────────────────────────────────────────────────

  onServerEvent(e: RealtimeServerEvent): void {
    if (this.ended) return;
    try {
      this.dispatch(e);
    } catch (error) {
      this.reportError(error, "realtime");
    }
  }

  private dispatch(e: RealtimeServerEvent): void {
    const now = this.deps.now();
    switch (e.type) {
      case "input_audio_buffer.speech_started": {
        this.callerSpeaking = true;
        this.reprompts = 0;
        this.callerSpeech.set(e.item_id, { startMs: e.audio_start_ms, endMs: e.audio_start_ms });
        this.emit("caller.speech_started");
        this.bargeIn(now, Math.max(0, this.rel(now) - e.audio_start_ms));
        return;
      }
      case "input_audio_buffer.speech_stopped": {
        this.callerSpeaking = false;
        this.speechStoppedAt = now;
        this.silenceSince = now;
        const speech = this.callerSpeech.get(e.item_id);
        if (speech) speech.endMs = e.audio_end_ms;
        this.emit("caller.speech_ended");
        return;
      }
      case "conversation.item.input_audio_transcription.completed": {
        const text = e.transcript.trim();
        const speech = this.callerSpeech.get(e.item_id);
        this.callerSpeech.delete(e.item_id);
        const at = this.rel(now);
        this.recordTurn({ role: "CALLER", text, understood: text.length > 0, startMs: speech?.startMs ?? at, endMs: speech?.endMs ?? at });
        if (e.usage?.type === "duration") this.usage("STT_SECONDS", e.usage.seconds);
        return;
      }
      case "conversation.item.input_audio_transcription.failed": {
        const speech = this.callerSpeech.get(e.item_id);
        this.callerSpeech.delete(e.item_id);
        const at = this.rel(now);
        this.recordTurn({ role: "CALLER", text: "", understood: false, startMs: speech?.startMs ?? at, endMs: speech?.endMs ?? at });
        return;
      }
      case "response.created":
        return this.onResponseCreated(e.response.id ?? `resp_${this.tags}`, e.response.metadata?.tag, now);
      case "response.output_item.added": {
        const reply = this.byResponse.get(e.response_id);
        if (!reply || reply.cancelled || e.item.type !== "message" || !e.item.id) return;
        const item = new SpokenItem(e.item.id, this.deps.sink);
        reply.items.push(item);
        this.items.set(item.itemId, item);
        this.itemReply.set(item, reply);
        return;
      }
      case "response.output_audio.delta": {
        const item = this.items.get(e.item_id);
        const reply = item && this.itemReply.get(item);
        if (!item || !reply || reply.cancelled) return; // in flight when the caller barged in
        if (reply.firstAudioAt < 0) reply.firstAudioAt = now;
        item.push(e.delta);
        if (!this.closing && this.stateValue !== "greeting") this.setState("speaking");
        return;
      }
      case "response.output_audio.done":
        return this.items.get(e.item_id)?.endAudio();
      case "response.output_audio_transcript.delta": {
        const item = this.items.get(e.item_id);
        if (item) item.transcript += e.delta;
        return;
      }
      case "response.output_audio_transcript.done": {
        const item = this.items.get(e.item_id);
        if (item && !item.recorded) item.transcript = e.transcript;
        return;
      }
      case "response.function_call_arguments.done": {
        const reply = this.byResponse.get(e.response_id);
        if (reply && !reply.cancelled) reply.calls.push({ callId: e.call_id, name: e.name, args: e.arguments });
        return;
      }
      case "response.done":
        return this.onResponseDone(e.response);
      case "error": {
        // Cancelling a response the server already finished is a race, not a fault.
        if (e.error.code === "response_cancel_not_active") return;
        this.emit("error", { source: "realtime", message: e.error.message });
        return;
      }
      default:
        return;
    }
  }

  private onResponseCreated(id: string, tag: string | undefined, now: number): void {
    const meta = (tag && this.pending.get(tag)) || null;
    if (tag) this.pending.delete(tag);
    const reply: Reply = {
      tag: tag ?? "vad",
      id,
      interruptible: meta?.interruptible ?? true,
      after: meta?.after ?? { kind: "none" },
      items: [],
      calls: [],
      done: false,
      toolsRunning: false,
      cancelled: false,
      startedAt: now,
      speechStoppedAt: meta ? -1 : this.speechStoppedAt,
      firstAudioAt: -1,
    };
    this.byResponse.set(id, reply);
    if (!meta && (this.closing || this.open.some((r) => !r.interruptible))) {
      // The caller spoke over a closing line: the server answered on its own, but the call is ending.
      reply.cancelled = true;
      this.socket?.send({ type: "response.cancel", response_id: id });
      return;
    }
    this.generating = reply;
    this.open.push(reply);
    if (!this.closing && this.stateValue !== "greeting") this.setState("thinking");
  }

  private onResponseDone(response: { id?: string; usage?: { input_tokens?: number; output_tokens?: number } }): void {
    if (response.usage) {
      this.usage("LLM_INPUT_TOKENS", response.usage.input_tokens ?? 0);
      this.usage("LLM_OUTPUT_TOKENS", response.usage.output_tokens ?? 0);
    }
    const reply = response.id ? this.byResponse.get(response.id) : undefined;
    if (!reply) return;
    this.byResponse.delete(reply.id);
    reply.done = true;
    if (this.generating === reply) this.generating = null;
    for (const item of reply.items) item.endAudio(); // a cancelled or cut-short item gets no output_audio.done
    if (reply.calls.length && !reply.cancelled) this.runTools(reply).catch((e: unknown) => this.reportError(e, "tool"));
    else this.maybeComplete(reply);
  }

  // ── tools ───────────────────────────────────────────────────────────────────────────────────

  private async runTools(reply: Reply): Promise<void> {
    reply.toolsRunning = true;
    for (const call of reply.calls) {
      const name = call.name as ToolName;
      const args = parseToolArgs(call.args);
      this.emit("tool.started", { name, args });
      const started = this.deps.now();
      // Runs to the end even if the caller interrupts: its effect (a saved message) is real.
      const outcome = await runTool(this.deps.profile, this.deps.actions, name, args, (e) => this.reportError(e, "tool"));
      if (this.ended) return;
      this.recordTurn({ role: "TOOL", text: name, toolName: name, toolArgs: args, toolResult: outcome.result, startMs: this.rel(started), endMs: this.rel(this.deps.now()) });
      this.emit("tool.finished", { name, ok: outcome.result.ok });
      const output = toolContent({ role: "tool_result", id: call.callId, name, result: outcome.result });
      this.socket?.send({ type: "conversation.item.create", item: { type: "function_call_output", call_id: call.callId, output } });
      if (outcome.effect.kind !== "none" && !reply.cancelled && reply.after.kind === "none") {
        reply.after = outcome.effect;
        reply.interruptible = false; // the agent committed to hand over or hang up
      }
    }
    reply.toolsRunning = false;
    if (reply.cancelled || this.closing) return;
    if (reply.after.kind === "none") {
      this.request(answer(this.nextTag({ interruptible: true, after: { kind: "none" } })));
    } else if (!reply.items.some((i) => i.transcript.trim() || i.sentSamples > 0)) {
      // A transfer or hang-up without words of its own: the engine says the line, then acts.
      const after = reply.after;
      reply.after = { kind: "none" };
      this.say(after.kind === "transfer" ? prompts.transferAnnouncement : prompts.endCallGoodbye, { interruptible: false, after });
    }
    this.maybeComplete(reply);
  }

  private async transferByKey(): Promise<void> {
    const args = { reason: "caller pressed 0" };
    this.emit("tool.started", { name: "transfer_call", args });
    const started = this.deps.now();
    const outcome = await runTool(this.deps.profile, this.deps.actions, "transfer_call", args);
    if (this.ended) return;
    this.recordTurn({ role: "TOOL", text: "transfer_call", toolName: "transfer_call", toolArgs: args, toolResult: outcome.result, startMs: this.rel(started), endMs: this.rel(this.deps.now()) });
    this.emit("tool.finished", { name: "transfer_call", ok: outcome.result.ok });
    if (outcome.effect.kind === "transfer") this.say(prompts.transferAnnouncement, { interruptible: false, after: outcome.effect });
    else this.say(prompts.apology, { interruptible: true, after: { kind: "none" } });
  }

  // ── replies heard, cut, and acted on ────────────────────────────────────────────────────────

  private maybeComplete(reply: Reply): void {
    if (this.ended || !reply.done || reply.toolsRunning || !this.open.includes(reply)) return;
    if (!reply.items.every((i) => i.fullyHeard)) return;
    this.open = this.open.filter((r) => r !== reply);
    const now = this.deps.now();
    for (const item of reply.items) this.recordAgent(reply, item, now, false);
    const after = reply.after;
    if (after.kind === "transfer") {
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
    if (this.open.length === 0 && !this.generating && !this.closing) {
      this.silenceSince = now;
      this.setState("listening");
    }
  }

  /** The caller started speaking: what they heard of each interruptible reply stays, the rest is cut. */
  private bargeIn(now: number, speechMs: number): void {
    if (this.open.some((r) => !r.interruptible)) return; // a closing line plays to its end
    const { heard, cut } = this.cutReplies(now, true);
    if (cut) this.emit("barge_in", { speechMs, heardText: heard });
    if (!this.closing && this.stateValue !== "idle") this.setState("listening");
  }

  /** Stops every open reply; truncates the model's items at what was heard. */
  private cutReplies(now: number, clear: boolean): { heard: string; cut: boolean } {
    let heard = "";
    let playing = false;
    let cut = false;
    for (const reply of this.open) {
      reply.cancelled = true;
      for (const item of reply.items) {
        if (item.recorded) continue;
        if (item.fullyHeard) {
          this.recordAgent(reply, item, now, false);
          continue;
        }
        playing ||= item.playing;
        cut = true;
        const text = item.heardText();
        heard = heard ? `${heard} ${text}`.trim() : text;
        this.socket?.send({ type: "conversation.item.truncate", item_id: item.itemId, content_index: 0, audio_end_ms: item.heardMs });
        this.recordAgent(reply, item, now, true);
        item.endAudio();
      }
    }
    if (this.generating) {
      this.socket?.send({ type: "response.cancel", response_id: this.generating.id });
      this.generating.cancelled = true;
      this.generating = null;
      cut = true;
    }
    this.open = [];
    if (clear && playing) this.deps.sink.clear();
    return { heard, cut };
  }

  private recordAgent(reply: Reply, item: SpokenItem, now: number, interrupted: boolean): void {
    if (item.recorded) return;
    item.recorded = true;
    this.items.delete(item.itemId);
    const text = item.transcript.trim();
    if (!text) return;
    const base = { role: "AGENT" as const, text, startMs: this.rel(reply.startedAt), endMs: this.rel(now) };
    const latency =
      reply.speechStoppedAt >= 0 && reply.firstAudioAt >= 0
        ? (() => {
            const llmMs = Math.max(0, Math.round(reply.firstAudioAt - reply.speechStoppedAt));
            // Server VAD: the trailing silence is the endpointing; everything after it is the model's (the
            // delta goes to the transport as it arrives, so the platform adds nothing measurable here).
            return { endpointMs: S2S_SILENCE_MS, sttMs: 0, llmMs, ttsMs: 0, platformMs: 0, totalMs: S2S_SILENCE_MS + llmMs };
          })()
        : undefined;
    this.recordTurn({ ...base, ...(interrupted ? { heardText: item.heardText(), interrupted: true } : {}), ...(latency ? { latency } : {}) });
  }

  // ── the engine's own lines and clocks ───────────────────────────────────────────────────────

  private say(line: string, meta: Pick<Reply, "interruptible" | "after">): void {
    this.request(sayExactly(line, this.nextTag(meta)));
  }

  private nextTag(meta: Pick<Reply, "interruptible" | "after">): string {
    const tag = `fd${++this.tags}`;
    this.pending.set(tag, meta);
    return tag;
  }

  private request(event: ReturnType<typeof answer>): void {
    this.socket?.send(event);
  }

  private checkSilence(now: number): void {
    const timeoutMs = this.deps.profile.silenceTimeoutSec * 1000;
    if (this.stateValue !== "listening" || this.reconnecting || this.open.length || this.generating || this.callerSpeaking || timeoutMs <= 0) return;
    if (now - this.silenceSince < timeoutMs) return;
    this.reprompts++;
    this.silenceSince = now;
    if (this.reprompts > MAX_SILENCE_REPROMPTS) {
      this.closing = true;
      this.setState("ending");
      this.say(prompts.silenceGoodbye, { interruptible: false, after: { kind: "end", reason: "SILENCE_TIMEOUT" } });
      return;
    }
    this.emit("silence.reprompt", { count: this.reprompts });
    this.setState("speaking");
    this.say(prompts.silenceReprompt(this.reprompts), { interruptible: true, after: { kind: "none" } });
  }

  /** Stops whatever is going on and says `line`, then hangs up once heard. false: a closing line was already on its way. */
  private closeWith(line: string, reason: EndReason): boolean {
    this.closing = true;
    if (this.open.some((r) => !r.interruptible && r.after.kind !== "none")) return false;
    this.cutReplies(this.deps.now(), true);
    this.setState("ending");
    this.say(line, { interruptible: false, after: { kind: "end", reason } });
    return true;
  }

  /**
   * The model's socket dropped: what was heard of the reply in flight stays (as a barge-in would leave
   * it), the socket is reopened and told the conversation so far, and the caller hears a short line.
   */
  onDrop(reason: string): void {
    if (this.ended || this.reconnecting) return;
    this.socket = null;
    const terminal = [...this.open, ...this.pending.values()].find((r) => r.after.kind !== "none")?.after ?? null;
    const { cut } = this.cutReplies(this.deps.now(), true);
    // Ids and tags belong to the dead socket's conversation.
    this.pending.clear();
    this.byResponse.clear();
    this.items.clear();
    this.itemReply.clear();
    this.callerSpeech.clear();
    this.callerSpeaking = false;
    // A model that keeps accepting and dropping the socket is as gone as one that refuses it.
    if (!this.reopen || ++this.drops > MAX_DROPS_PER_CALL) return this.giveUp(reason);
    this.emit("provider.fault", { provider: "openai", capability: "s2s", error: reason, action: "reconnect" });
    this.reconnecting = true;
    reopenWithin(this.reopen).then(
      (socket) => this.resume(socket, cut, terminal),
      (err: unknown) => {
        this.reconnecting = false;
        this.giveUp(err instanceof Error ? err.message : String(err));
      },
    );
  }

  private resume(socket: S2sSocket, cut: boolean, terminal: After | null): void {
    this.reconnecting = false;
    if (this.ended) return socket.close();
    this.socket = socket;
    if (this.sessionUpdate) socket.send(this.sessionUpdate);
    for (const item of historyItems(this.history)) socket.send(item);
    if (terminal) {
      this.say(terminal.kind === "transfer" ? prompts.transferAnnouncement : prompts.endCallGoodbye, { interruptible: false, after: terminal });
    } else if (cut) {
      this.setState("speaking");
      this.say(LOST_LINE, { interruptible: true, after: { kind: "none" } });
    } else if (this.history.at(-1)?.role === "user") {
      this.request(answer(this.nextTag({ interruptible: true, after: { kind: "none" } })));
    } else if (this.open.length === 0 && !this.closing && this.stateValue !== "greeting") {
      this.silenceSince = this.deps.now();
      this.setState("listening");
    }
  }

  /** The model cannot be reached again: the cascade's closing apology in the platform's voice, then hang up. */
  private giveUp(error: string): void {
    if (this.ended) return;
    this.emit("provider.fault", { provider: "openai", capability: "s2s", error, action: "gave_up" });
    this.closing = true;
    this.setState("ending");
    const tts = this.deps.tts;
    if (!tts) return this.hangUpOnError();
    // Set first: a transport that acknowledges at once calls markPlayed inside endSegment.
    this.apologySegment = `fd-apology:${++this.tags}`;
    this.apologyStartedAt = this.deps.now();
    const { voiceId, language } = this.deps.profile;
    void speakWithTts(tts, this.deps.sink, this.apologySegment, { text: prompts.fatalApology, voiceId, language }).then((spoken) => {
      if (this.ended || spoken) return;
      this.apologySegment = null;
      this.hangUpOnError();
    });
  }

  private hangUpOnError(): void {
    if (this.apologySegment) {
      const at = this.rel(this.apologyStartedAt);
      this.recordTurn({ role: "AGENT", text: prompts.fatalApology, startMs: at, endMs: this.rel(this.deps.now()) });
    }
    this.finish("ERROR");
    this.deps.sink.hangup("ERROR");
  }

  // ── bookkeeping (as session.ts) ─────────────────────────────────────────────────────────────

  private recordTurn(turn: Omit<TurnRecord, "index">): void {
    if (turn.role === "CALLER" && turn.text) this.history.push({ role: "user", text: turn.text });
    const said = turn.role === "AGENT" ? (turn.interrupted ? turn.heardText : turn.text) : "";
    if (said) this.history.push({ role: "assistant", text: said });
    try {
      this.deps.observer.turn({ index: this.turnIndex++, ...turn });
    } catch (error) {
      this.reportError(error, "observer");
    }
  }

  private usage(kind: UsageKind, quantity: number): void {
    try {
      this.deps.observer.usage(kind, quantity);
    } catch (error) {
      this.reportError(error, "observer");
    }
  }

  private reportError(error: unknown, source: string): void {
    this.emit("error", { source, message: error instanceof Error ? error.message : String(error) });
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
      // An observer failure must not take the call down.
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
      this.reportError(error, "observer");
    }
    this.release();
  }

  private release(): void {
    if (this.released) return;
    this.released = true;
    this.open = [];
    this.generating = null;
    this.socket?.close();
    this.socket = null;
  }

  private rel(t: number): number {
    return Math.max(0, Math.round(t - this.startedAt));
  }
}
