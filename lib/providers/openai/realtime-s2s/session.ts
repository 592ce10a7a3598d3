// A call on OpenAI's Realtime speech-to-speech model: the same CallSession the transports drive and the
// same records (turns, events, usage) as the cascade, with the model hearing and speaking μ-law itself.
// The model's server VAD decides turns and starts answering; this session plays its audio through the
// sink, learns from the marks how much of each item the caller heard, and on a barge-in clears the
// line, truncates the item at that millisecond and cancels the response (replies.ts). Each sentence of
// the model's words is told (agent.segment) as the caller starts hearing it (spoken-sentences.ts).
// Tools run through the engine's runner (tool-runner.ts); end_call/transfer_call act once the reply
// carrying them was heard. The engine's own lines (greeting, re-prompts, goodbyes) are "say exactly"
// responses. Like the cascade it sets no timer: the shared tick checks silence and the call's time
// limit. The model's events are read in server-events.ts; a socket that drops mid-call is reopened and
// told the conversation so far (recovery.ts); the line itself is opened in line.ts.
import type { RealtimeServerEvent } from "openai/resources/realtime/realtime";
import { encodeMulaw } from "../../../audio/mulaw";
import { CallLifecycle } from "../../../conversation/call-lifecycle";
import { greetingLine, HUMAN_REQUEST_EVENT, prompts } from "../../../conversation/prompts";
import { toolSpecsFor } from "../../../conversation/tools";
import type { ControllableCallSession, EndReason, SessionState, TurnRecord } from "../../../conversation/types";
import { answer, sayExactly, sessionConfig } from "./config";
import type { RealtimeSessionDeps, S2sCall } from "./context";
import { ModelHistory } from "./history";
import { Reconnect, type Reopen } from "./recovery";
import { PLAIN_REPLY, Replies, type Reply, type ReplyMeta } from "./replies";
import { ServerEvents } from "./server-events";
import type { S2sClientEvent, S2sSocket } from "./socket";
import { ToolRunner } from "./tool-runner";

export type { RealtimeSessionDeps } from "./context";

const MAX_SILENCE_REPROMPTS = 2;
const DTMF = /^[0-9*#A-D]$/;

export class RealtimeSession implements ControllableCallSession {
  private socket: S2sSocket | null = null;
  private sessionUpdate: S2sClientEvent | null = null;
  private readonly life: CallLifecycle;
  private readonly replies: Replies;
  /** What the model has been told happened (replayed onto a reopened socket). */
  private readonly history = new ModelHistory();
  private readonly call: S2sCall;
  private readonly events: ServerEvents;
  private readonly tools: ToolRunner;
  private readonly recovery: Reconnect;
  private readonly frameBytes = Buffer.alloc(160);
  private silenceSince: number;
  private reprompts = 0;
  private closing = false;

  constructor(
    private readonly deps: RealtimeSessionDeps,
    reopen: Reopen | null = null,
  ) {
    this.life = new CallLifecycle(deps, { release: () => this.releaseWork(), closeWith: (line, reason) => this.closeWith(line, reason) });
    this.silenceSince = this.life.startedAt;
    this.replies = new Replies({
      sink: deps.sink,
      send: (e) => this.send(e),
      record: (turn, reply) => this.recordTurn(turn, reply),
      rel: (t) => this.life.rel(t),
      sentenceStarted: (segmentId, text) => {
        // As the cascade: text transports show it, the live view gets it as the sentence plays.
        deps.sink.segmentText(segmentId, text);
        this.life.emit("agent.segment", { segmentId, text });
      },
    });
    this.call = this.callContext();
    this.events = new ServerEvents(this.call, {
      callerStarted: (now, speechMs) => {
        this.reprompts = 0;
        this.bargeIn(now, speechMs);
      },
      callerStopped: (now) => (this.silenceSince = now),
      responseDone: (reply) => (reply.calls.length && !reply.cancelled ? this.runTools(reply) : this.settle(reply)),
    });
    this.tools = new ToolRunner(this.call, (reply) => this.settle(reply));
    this.recovery = new Reconnect(this.call, reopen, {
      useSocket: (socket) => this.useSocket(socket),
      forget: () => this.events.forget(),
      answerOwed: () => this.tools.answerOrphans(),
      close: () => (this.closing = true),
    });
  }

  attach(socket: S2sSocket, voice: string): void {
    const { profile, mode } = this.deps;
    this.sessionUpdate = { type: "session.update", session: sessionConfig(profile, mode, voice, toolSpecsFor(profile), this.deps.wallClock?.() ?? new Date()) };
    this.useSocket(socket);
  }

  get state(): SessionState {
    return this.life.state;
  }

  // ── transport inputs ────────────────────────────────────────────────────────────────────────

  start(): void {
    if (this.life.state !== "idle") return;
    this.life.setState("greeting");
    this.say(greetingLine(this.deps.profile, this.deps.mode), PLAIN_REPLY);
  }

  audio(frame: Int16Array): void {
    if (this.life.ended || !this.socket) return;
    const n = Math.min(frame.length, this.frameBytes.length);
    encodeMulaw(frame.length === n ? frame : frame.subarray(0, n), this.frameBytes);
    this.socket.appendAudio(this.frameBytes.toString("base64", 0, n));
  }

  callerText(text: string): void {
    if (this.life.ended || this.closing || this.life.state === "idle") return;
    const clean = text.trim();
    const now = this.deps.now();
    this.bargeIn(now, 0);
    const at = this.life.rel(now);
    this.recordTurn({ role: "CALLER", text: clean, understood: clean.length > 0, startMs: at, endMs: at });
    this.send({ type: "conversation.item.create", item: { type: "message", role: "user", content: [{ type: "input_text", text: clean }] } });
    this.answer();
  }

  dtmf(digit: string): void {
    if (this.life.ended || !DTMF.test(digit)) return;
    this.life.emit("dtmf", { digit });
    const { profile, mode } = this.deps;
    const canTransfer = digit === "0" && !this.closing && mode === "normal" && profile.tools.includes("transfer_call") && profile.transferPhoneNumber;
    if (!canTransfer) {
      const note = digit === "0" ? HUMAN_REQUEST_EVENT : `caller pressed ${digit}`;
      this.send({ type: "conversation.item.create", item: { type: "message", role: "system", content: [{ type: "input_text", text: `Call event: ${note}.` }] } });
      return;
    }
    this.bargeIn(this.deps.now(), 0);
    this.tools.transferByKey().catch((e: unknown) => this.life.reportError(e, "engine"));
  }

  markPlayed(segmentId: string): void {
    if (this.life.ended || this.recovery.apologyHeard(segmentId)) return;
    const reply = this.replies.marked(segmentId);
    if (reply) this.settle(reply);
  }

  tick(): void {
    if (this.life.ended || this.life.state === "idle") return;
    const now = this.deps.now();
    if (!this.closing && now - this.life.startedAt >= this.deps.profile.maxCallDurationSec * 1000) {
      this.closeWith(prompts.maxDuration, "MAX_DURATION");
      return;
    }
    this.checkSilence(now);
  }

  callerHangup(): void {
    if (this.life.ended) return;
    this.replies.cut(this.deps.now(), false);
    this.life.finish("CALLER_HANGUP");
  }

  endByOperator(): void {
    this.life.endByOperator();
  }

  close(): void {
    // A transport that closes without a hang-up still gets exactly one "ended".
    if (!this.life.ended) this.callerHangup();
    this.life.release();
  }

  // ── the model's socket ──────────────────────────────────────────────────────────────────────

  onServerEvent(e: RealtimeServerEvent): void {
    if (this.life.ended) return;
    try {
      this.events.handle(e);
    } catch (error) {
      this.life.reportError(error, "realtime");
    }
  }

  /** The model's socket dropped without close(): see recovery.ts. */
  onDrop(reason: string): void {
    this.recovery.dropped(reason);
  }

  private useSocket(socket: S2sSocket | null): void {
    this.socket = socket;
    if (socket && this.sessionUpdate) socket.send(this.sessionUpdate);
  }

  private send(event: S2sClientEvent): void {
    this.socket?.send(event);
  }

  // ── replies heard, cut, and acted on ────────────────────────────────────────────────────────

  private runTools(reply: Reply): void {
    this.tools.run(reply).catch((e: unknown) => this.life.reportError(e, "tool"));
  }

  /** The reply may have been heard in full: record it, then act on it or wait for the caller. */
  private settle(reply: Reply): void {
    if (this.life.ended || !this.replies.complete(reply, this.deps.now())) return;
    if (this.life.carryOut(reply.after)) return;
    if (this.replies.idle && !this.closing) this.listen();
  }

  /** The caller started speaking: what they heard of each interruptible reply stays, the rest is cut. */
  private bargeIn(now: number, speechMs: number): void {
    if (this.replies.holdsLine) return; // a closing line plays to its end
    const { heard, cut } = this.replies.cut(now, true);
    if (cut) this.life.emit("barge_in", { speechMs, heardText: heard });
    if (!this.closing && this.life.state !== "idle") this.life.setState("listening");
  }

  private recordTurn(turn: Omit<TurnRecord, "index">, reply?: Reply): void {
    if (turn.role === "CALLER" && turn.text) this.history.add({ role: "user", text: turn.text });
    const said = turn.role === "AGENT" ? (turn.interrupted ? turn.heardText : turn.text) : "";
    if (said) this.history.add({ role: "assistant", text: said }, reply?.callLine);
    this.life.recordTurn(turn);
  }

  // ── the engine's own lines and clocks ───────────────────────────────────────────────────────

  private say(line: string, meta: ReplyMeta): void {
    this.send(sayExactly(line, this.replies.tag(meta)));
  }

  private answer(): void {
    this.send(answer(this.replies.tag(PLAIN_REPLY)));
  }

  private listen(): void {
    this.silenceSince = this.deps.now();
    this.life.setState("listening");
  }

  private checkSilence(now: number): void {
    const timeoutMs = this.deps.profile.silenceTimeoutSec * 1000;
    if (this.life.state !== "listening" || this.recovery.reconnecting || !this.replies.idle || this.events.callerSpeaking || timeoutMs <= 0) return;
    if (now - this.silenceSince < timeoutMs) return;
    this.reprompts++;
    this.silenceSince = now;
    if (this.reprompts > MAX_SILENCE_REPROMPTS) {
      this.closing = true;
      this.life.setState("ending");
      this.say(prompts.silenceGoodbye, { interruptible: false, after: { kind: "end", reason: "SILENCE_TIMEOUT" } });
      return;
    }
    this.life.emit("silence.reprompt", { count: this.reprompts });
    this.life.setState("speaking");
    this.say(prompts.silenceReprompt(this.reprompts), PLAIN_REPLY);
  }

  /** Stops whatever is going on and says `line`, then hangs up once heard. false: a closing line was already on its way. */
  private closeWith(line: string, reason: EndReason): boolean {
    this.closing = true;
    if (this.replies.closingLineOpen) return false;
    this.replies.cut(this.deps.now(), true);
    this.life.setState("ending");
    this.say(line, { interruptible: false, after: { kind: "end", reason } });
    return true;
  }

  private callContext(): S2sCall {
    return {
      deps: this.deps,
      life: this.life,
      replies: this.replies,
      history: this.history,
      closing: () => this.closing,
      online: () => this.socket !== null,
      recordTurn: (turn, reply) => this.recordTurn(turn, reply),
      send: (e) => this.send(e),
      say: (line, meta) => this.say(line, meta),
      answer: () => this.answer(),
      listen: () => this.listen(),
    };
  }

  private releaseWork(): void {
    this.replies.stop();
    this.socket?.close();
    this.socket = null;
  }
}
