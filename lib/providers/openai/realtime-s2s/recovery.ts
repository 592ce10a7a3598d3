// What a speech-to-speech call does when the model's socket drops mid-call: reopen it a bounded number
// of times within a short budget (the caller must hear something within ~2 s), rebuild the model's
// context on the new socket from the turns stored so far (the API cannot take assistant audio as
// history, so both sides go back as text items), and, when the model stays unreachable, say the
// cascade's closing apology through the platform's own voice (the model cannot speak any more).
import type { ConversationItemCreateEvent } from "openai/resources/realtime/realtime";
import type { CallSink } from "../../../conversation/types";
import type { TtsProvider } from "../../speech/types";
import type { S2sSocket } from "./socket";

export const RECONNECT_ATTEMPTS = 2;
export const RECONNECT_BUDGET_MS = 2000;
/** Drops a call survives; the next one ends it (as a refused reconnect does). */
export const MAX_DROPS_PER_CALL = 3;
export const LOST_LINE = "Sorry, I lost you for a second — could you say that again?";

/** One line of the conversation as the model should remember it. */
export interface HistoryLine {
  role: "user" | "assistant";
  text: string;
}

/** The conversation so far as conversation.item.create events (caller: input_text, agent: output_text). */
export function historyItems(history: readonly HistoryLine[]): ConversationItemCreateEvent[] {
  return history.map((line) => ({
    type: "conversation.item.create",
    item:
      line.role === "user"
        ? { type: "message", role: "user", content: [{ type: "input_text", text: line.text }] }
        : { type: "message", role: "assistant", content: [{ type: "output_text", text: line.text }] },
  }));
}

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
