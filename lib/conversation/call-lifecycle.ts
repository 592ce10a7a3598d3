// What a call session does the same way whichever engine speaks (the cascade, or a speech-to-speech
// model): the state it reports, turns, events and usage handed to the observer without an observer
// failure taking the call down, exactly one "ended" carrying the call's seconds, acting on what a heard
// reply committed to (transfer, hang-up), and the operator's end of a call.
import { prompts } from "./prompts";
import type { ToolEffect } from "./tools";
import type { CallEventType, CallSessionDeps, EndReason, SessionState, TurnRecord, UsageKind } from "./types";

/** What happens once a reply has been heard: a tool's effect, or the end of the call with a reason. */
export type AfterReply = ToolEffect | { kind: "end"; reason: EndReason };

export interface LifecycleHooks {
  /** Stops the session's own work (replies, sockets, streams). Runs once, when the call ends or closes. */
  release(): void;
  /** Says `line` as the call's last words and hangs up once it was heard; false when a closing line was already on its way. */
  closeWith(line: string, reason: EndReason): boolean;
}

export class CallLifecycle {
  /** Monotonic ms the call was answered at: turn times and the call's duration count from here. */
  readonly startedAt: number;
  private stateValue: SessionState = "idle";
  private turnIndex = 0;
  private released = false;
  private operatorAsked = false;
  private endedByOperator = false; // its goodbye is the one ending the call: call.ended says so

  constructor(
    private readonly deps: Pick<CallSessionDeps, "observer" | "sink" | "now">,
    private readonly hooks: LifecycleHooks,
  ) {
    this.startedAt = deps.now();
  }

  get state(): SessionState {
    return this.stateValue;
  }

  get ended(): boolean {
    return this.stateValue === "ended";
  }

  setState(state: SessionState): void {
    if (this.stateValue === state || this.ended) return;
    this.stateValue = state;
    this.emit("state.changed", { state });
  }

  emit(type: CallEventType, payload?: Record<string, unknown>): void {
    try {
      this.deps.observer.event(type, payload);
    } catch {
      // An observer failure must not take the call down; persistence reports its own errors.
    }
  }

  recordTurn(turn: Omit<TurnRecord, "index">): void {
    const record: TurnRecord = { index: this.turnIndex++, ...turn };
    if (record.latency === undefined) delete record.latency;
    try {
      this.deps.observer.turn(record);
    } catch (error) {
      this.reportError(error, "observer");
    }
  }

  /** `model`: see CallObserver.usage (absent: the call's own provider/model). */
  usage(kind: UsageKind, quantity: number, model?: string): void {
    try {
      this.deps.observer.usage(kind, quantity, model);
    } catch (error) {
      this.reportError(error, "observer");
    }
  }

  reportError(error: unknown, source: string): void {
    this.emit("error", { source, message: error instanceof Error ? error.message : String(error) });
  }

  /** Ms since the call was answered (turn and event times). */
  rel(t: number): number {
    return Math.max(0, Math.round(t - this.startedAt));
  }

  finish(reason: EndReason): void {
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

  hangUp(reason: EndReason): void {
    // Ended first: a transport may close the stream (and the session) inside hangup/transfer.
    this.finish(reason);
    this.deps.sink.hangup(reason);
  }

  /** Acts on what a heard reply committed to; true when that ended the call. */
  carryOut(after: AfterReply): boolean {
    if (after.kind === "none") return false;
    if (after.kind === "transfer") {
      this.emit("transfer", { to: after.to });
      this.finish("TRANSFERRED");
      this.deps.sink.transfer(after.to);
      return true;
    }
    this.hangUp(after.kind === "end" ? after.reason : "AGENT_HANGUP");
    return true;
  }

  /** The operator ends the call: a goodbye over a live call, a plain hang-up before the greeting. */
  endByOperator(): void {
    if (this.ended || this.operatorAsked) return;
    this.operatorAsked = true;
    if (this.stateValue === "idle") {
      // Never greeted: nothing to say goodbye over.
      this.endedByOperator = true;
      this.hangUp("AGENT_HANGUP");
      return;
    }
    this.endedByOperator = this.hooks.closeWith(prompts.operatorEnd, "AGENT_HANGUP");
  }

  release(): void {
    if (this.released) return;
    this.released = true;
    this.hooks.release();
  }
}
