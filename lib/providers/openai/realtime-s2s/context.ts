// What the parts of one speech-to-speech call reach of each other. session.ts builds it; the parts
// (server-events.ts, replies.ts, tool-runner.ts, recovery.ts) act on the call only through it.
import type { CallLifecycle } from "../../../conversation/call-lifecycle";
import type { CallSessionDeps, TurnRecord } from "../../../conversation/types";
import type { TtsProvider } from "../../speech/types";
import type { ModelHistory } from "./history";
import type { Replies, Reply, ReplyMeta } from "./replies";
import type { S2sClientEvent } from "./socket";

/** `tts`: the platform's voice, for the apology when the model cannot be reached again. */
export type RealtimeSessionDeps = Omit<CallSessionDeps, "responder" | "speech"> & { tts?: TtsProvider };

export interface S2sCall {
  readonly deps: RealtimeSessionDeps;
  readonly life: CallLifecycle;
  readonly replies: Replies;
  readonly history: ModelHistory;
  /** A closing line was asked for: nothing new starts. */
  closing(): boolean;
  /** The model's socket is up (not while it is being reopened, nor once the call is over). */
  online(): boolean;
  /** A turn for the call's records; what was said also goes into the model's history (`reply`: the agent's words came from it). */
  recordTurn(turn: Omit<TurnRecord, "index">, reply?: Reply): void;
  /** Sends on the model's socket; nothing while it is down (a reopened socket is told the history instead). */
  send(event: S2sClientEvent): void;
  /** The engine's own line, said word for word by the model; `meta.after` happens once it was heard. */
  say(line: string, meta: ReplyMeta): void;
  /** The model answers the conversation so far (a tool's output, a typed caller line). */
  answer(): void;
  /** Nothing is playing or coming: the call waits for the caller (the silence clock starts now). */
  listen(): void;
}
