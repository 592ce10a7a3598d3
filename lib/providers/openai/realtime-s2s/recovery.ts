// What a speech-to-speech call does when the model's socket drops mid-call: what was heard of the reply
// in flight stays (as a barge-in would leave it), the socket is reopened a bounded number of times
// within a short budget (the caller must hear something within ~2 s), the model's context is rebuilt
// on it from the conversation so far (history.ts), and the call carries on: a committed hand-over or
// hang-up is said, tools that were running get their outputs answered, a cut reply gets a short "lost
// you" line. When the model stays unreachable, the cascade's closing apology is said through the
// platform's own voice (the model cannot speak any more) and the call ends.
import type { AfterReply } from "../../../conversation/call-lifecycle";
import { prompts } from "../../../conversation/prompts";
import type { CallSink } from "../../../conversation/types";
import type { TtsProvider } from "../../speech/types";
import type { S2sCall } from "./context";
import { PLAIN_REPLY } from "./replies";
import type { S2sSocket } from "./socket";
import { sayThenAct } from "./tool-runner";

export const RECONNECT_ATTEMPTS = 2;
export const RECONNECT_BUDGET_MS = 2000;
/** Drops a call survives; the next one ends it (as a refused reconnect does). */
export const MAX_DROPS_PER_CALL = 3;
export const LOST_LINE = "Sorry, I lost you for a second — could you say that again?";

/** Tries `open` up to `attempts` times, the connect timeouts sharing `budgetMs`; rejects with the last error. */
export async function reopenWithin(open: (timeoutMs: number) => Promise<S2sSocket>, attempts = RECONNECT_ATTEMPTS, budgetMs = RECONNECT_BUDGET_MS): Promise<S2sSocket> {
  const deadline = performance.now() + budgetMs;
  let last: unknown = new Error("no reconnect attempt");
  for (let left = attempts; left > 0; left--) {
    const remaining = deadline - performance.now();
    if (remaining <= 0) break;
    try {
      return await open(Math.max(1, Math.floor(remaining / left)));
    } catch (err) {
      last = err;
    }
  }
  throw last;
}

/** Synthesises `text` with the platform's voice into one segment; resolves false when nothing could be said. */
export async function speakWithTts(tts: TtsProvider, sink: CallSink, segmentId: string, req: { text: string; voiceId: string; language?: string }): Promise<boolean> {
  let any = false;
  try {
    sink.segmentText(segmentId, req.text);
    for await (const pcm of tts.synthesize(req)) {
      any = true;
      sink.audio(segmentId, pcm);
    }
  } catch {
    // Nothing more to fall back to: whatever was synthesised still plays.
  }
  if (any) sink.endSegment(segmentId);
  return any;
}

export type Reopen = (connectTimeoutMs: number) => Promise<S2sSocket>;

export interface ReconnectHooks {
  /** The socket the call talks on from now (null: none); the session configures a new one. */
  useSocket(socket: S2sSocket | null): void;
  /** What belonged to the dead socket's conversation is gone (the caller's speech in progress). */
  forget(): void;
  /** Tools cut off by the drop are owed an answer (ToolRunner.answerOrphans). */
  answerOwed(): boolean;
  /** From now on the call only ends. */
  close(): void;
}

export class Reconnect {
  private drops = 0;
  private reopening = false;
  private apology: { segmentId: string; startedAt: number } | null = null;

  constructor(
    private readonly call: S2sCall,
    private readonly reopen: Reopen | null,
    private readonly hooks: ReconnectHooks,
  ) {}

  get reconnecting(): boolean {
    return this.reopening;
  }

  /** The model's socket closed without close() being called. */
  dropped(reason: string): void {
    const { life, replies, deps } = this.call;
    if (life.ended || this.reopening) return;
    this.hooks.useSocket(null);
    const { cut, terminal } = replies.drop(deps.now());
    this.hooks.forget();
    // A model that keeps accepting and dropping the socket is as gone as one that refuses it.
    if (!this.reopen || ++this.drops > MAX_DROPS_PER_CALL) return this.giveUp(reason);
    life.emit("provider.fault", { provider: "openai", capability: "s2s", error: reason, action: "reconnect" });
    this.reopening = true;
    reopenWithin(this.reopen).then(
      (socket) => this.resume(socket, cut, terminal),
      (err: unknown) => {
        this.reopening = false;
        this.giveUp(err instanceof Error ? err.message : String(err));
      },
    );
  }

  /** A mark echo: true when it was the apology's, which ends the call. */
  apologyHeard(segmentId: string): boolean {
    if (segmentId !== this.apology?.segmentId) return false;
    this.hangUpOnError();
    return true;
  }

  private resume(socket: S2sSocket, cut: boolean, terminal: AfterReply | null): void {
    this.reopening = false;
    const { life, history, replies } = this.call;
    if (life.ended) return socket.close();
    this.hooks.useSocket(socket);
    for (const item of history.items()) socket.send(item);
    if (terminal) {
      // The call ends after this line: tools still running only leave their outputs in the history.
      replies.clearOrphans();
      sayThenAct(this.call, terminal);
    } else if (this.hooks.answerOwed()) {
      if (!this.call.closing()) life.setState("thinking");
    } else if (cut) {
      life.setState("speaking");
      this.call.say(LOST_LINE, PLAIN_REPLY);
    } else if (history.awaitsAnswer) {
      this.call.answer();
    } else if (replies.idle && !this.call.closing() && life.state !== "greeting") {
      this.call.listen();
    }
  }

  /** The model cannot be reached again: the cascade's closing apology in the platform's voice, then hang up. */
  private giveUp(error: string): void {
    const { life, deps } = this.call;
    if (life.ended) return;
    life.emit("provider.fault", { provider: "openai", capability: "s2s", error, action: "gave_up" });
    this.hooks.close();
    life.setState("ending");
    const tts = deps.tts;
    if (!tts) return this.hangUpOnError();
    // Set first: a transport that acknowledges at once calls markPlayed inside endSegment.
    const apology = { segmentId: `fd-apology:${this.drops}`, startedAt: deps.now() };
    this.apology = apology;
    const { voiceId, language } = deps.profile;
    void speakWithTts(tts, deps.sink, apology.segmentId, { text: prompts.fatalApology, voiceId, language }).then((spoken) => {
      if (life.ended || spoken) return;
      this.apology = null;
      this.hangUpOnError();
    });
  }

  private hangUpOnError(): void {
    const { life, deps } = this.call;
    if (this.apology) this.call.recordTurn({ role: "AGENT", text: prompts.fatalApology, startMs: life.rel(this.apology.startedAt), endMs: life.rel(deps.now()) });
    life.hangUp("PROVIDER_ERROR"); // the vendor went away and could not be reached again
  }
}
