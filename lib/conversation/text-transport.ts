// Drives a call session with text instead of audio: the tests, the simulator's --text mode and the
// dashboard chat. The same engine runs (turns, tools, events, history); segments carry text only and
// are acknowledged the moment they are sent, so each call below resolves when the agent has
// finished the reply it triggered (or the call ended).
import { createCallSession } from "./session";
import type { CallObserver, CallSession, CallSessionDeps, CallSink, EndReason, TurnRecord } from "./types";

export interface AgentReply {
  /** The segments the agent said, joined. "" when the action produced no reply (a plain DTMF key). */
  text: string;
  segments: string[];
  /** The call has ended (the agent hung up, transferred, or the caller hung up). */
  ended: boolean;
  endReason: EndReason | null;
  /** Set when the transfer_call tool handed the call over. */
  transferTo: string | null;
}

export type TextConversationDeps = Omit<CallSessionDeps, "sink" | "speech" | "now" | "observer"> & {
  /** Defaults to performance.now (monotonic ms). */
  now?: () => number;
  /** Also receives everything (persistence, live events). */
  observer?: CallObserver;
};

export interface TextConversation {
  start(): Promise<AgentReply>;
  say(text: string): Promise<AgentReply>;
  dtmf(digit: string): Promise<AgentReply>;
  /** Runs the session's clocks (silence, time limit); resolves any reply that follows. */
  tick(): Promise<AgentReply>;
  hangup(): void;
  readonly transcript: readonly TurnRecord[];
  readonly ended: EndReason | null;
  readonly session: CallSession;
}

const REPLY_DONE = new Set(["listening", "ended"]);

export function createTextConversation(deps: TextConversationDeps): TextConversation {
  const transcript: TurnRecord[] = [];
  let segments: string[] = [];
  let endReason: EndReason | null = null;
  let transferTo: string | null = null;
  let waiter: (() => void) | null = null;
  let session: CallSession | null = null;

  const sink: CallSink = {
    audio() {},
    segmentText(_id, text) {
      segments.push(text);
    },
    endSegment(id) {
      session?.markPlayed(id);
    },
    clear() {},
    transfer(to) {
      transferTo = to;
    },
    hangup() {},
  };
  const outer = deps.observer;
  const observer: CallObserver = {
    turn(turn) {
      transcript.push(turn);
      outer?.turn(turn);
    },
    event(type, payload) {
      outer?.event(type, payload);
      // "ended" resolves in ended() below, once the reason is known.
      if (type === "state.changed" && payload?.state === "listening") waiter?.();
    },
    usage(kind, quantity, model) {
      outer?.usage(kind, quantity, model);
    },
    ended(reason, atMs) {
      endReason = reason;
      outer?.ended(reason, atMs);
      // After the current step: the engine reports the end before it hands the call over (transfer).
      queueMicrotask(() => waiter?.());
    },
  };
  const now = deps.now ?? (() => performance.now());
  const created = createCallSession({ ...deps, sink, observer, now });
  session = created;

  const snapshot = (): AgentReply => {
    const reply = { text: segments.join(" "), segments, ended: endReason !== null, endReason, transferTo };
    segments = [];
    return reply;
  };

  /** Runs `action`, then resolves once the session is back to listening (or ended). */
  function drive(action: () => void): Promise<AgentReply> {
    waiter?.(); // a reply still pending was cut short by this action: resolve it with what was said
    return new Promise<AgentReply>((resolve) => {
      if (endReason !== null) return resolve(snapshot());
      const done = () => {
        waiter = null;
        resolve(snapshot());
      };
      action();
      // Still listening (or never started) right after the action: it started no reply.
      if (endReason !== null || REPLY_DONE.has(created.state) || created.state === "idle") return done();
      waiter = done;
    });
  }

  return {
    start: () => drive(() => created.start()),
    say: (text) => drive(() => created.callerText(text)),
    dtmf: (digit) => drive(() => created.dtmf(digit)),
    tick: () => drive(() => created.tick()),
    hangup: () => {
      created.callerHangup();
      created.close();
    },
    get transcript() {
      return transcript;
    },
    get ended() {
      return endReason;
    },
    session: created,
  };
}
