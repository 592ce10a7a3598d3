// The Realtime model's wire events, turned into what the call does: the caller's speech as the server
// VAD hears it (start, stop, transcript → a caller turn), each response's audio, transcript and tool
// calls into the replies, token and transcription usage. What a barge-in or a finished response
// leads to is the session's to decide (the hooks).
import type { RealtimeServerEvent } from "openai/resources/realtime/realtime";
import type { S2sCall } from "./context";
import type { Reply } from "./replies";

export interface ServerEventHooks {
  /** The caller started speaking, `speechMs` into their speech by the time the event arrived. */
  callerStarted(now: number, speechMs: number): void;
  callerStopped(now: number): void;
  /** A response has generated all it will (its tool calls are known). */
  responseDone(reply: Reply): void;
}

export class ServerEvents {
  private readonly callerSpeech = new Map<string, { startMs: number; endMs: number }>();
  private speaking = false;
  private stoppedAt = -1;

  constructor(
    private readonly call: S2sCall,
    private readonly hooks: ServerEventHooks,
  ) {}

  /** The server VAD hears the caller now. */
  get callerSpeaking(): boolean {
    return this.speaking;
  }

  /** The socket dropped: its items are gone, and a speech start it reported will never stop. */
  forget(): void {
    this.callerSpeech.clear();
    this.speaking = false;
  }

  handle(e: RealtimeServerEvent): void {
    const { life, replies } = this.call;
    const now = this.call.deps.now();
    switch (e.type) {
      case "input_audio_buffer.speech_started":
        this.speaking = true;
        this.callerSpeech.set(e.item_id, { startMs: e.audio_start_ms, endMs: e.audio_start_ms });
        life.emit("caller.speech_started");
        return this.hooks.callerStarted(now, Math.max(0, life.rel(now) - e.audio_start_ms));
      case "input_audio_buffer.speech_stopped": {
        this.speaking = false;
        this.stoppedAt = now;
        const speech = this.callerSpeech.get(e.item_id);
        if (speech) speech.endMs = e.audio_end_ms;
        life.emit("caller.speech_ended");
        return this.hooks.callerStopped(now);
      }
      case "conversation.item.input_audio_transcription.completed":
        this.callerTurn(e.item_id, e.transcript.trim(), now);
        if (e.usage?.type === "duration") life.usage("STT_SECONDS", e.usage.seconds);
        return;
      case "conversation.item.input_audio_transcription.failed":
        return this.callerTurn(e.item_id, "", now);
      case "response.created":
        return this.responseCreated(e.response.id, e.response.metadata?.tag, now);
      case "response.output_item.added":
        if (e.item.type === "message" && e.item.id) replies.itemAdded(e.response_id, e.item.id);
        return;
      case "response.output_audio.delta":
        if (replies.audio(e.item_id, e.delta, now) && !this.call.closing() && life.state !== "greeting") life.setState("speaking");
        return;
      case "response.output_audio.done":
        return replies.audioDone(e.item_id);
      case "response.output_audio_transcript.delta":
        return replies.transcriptDelta(e.item_id, e.delta);
      case "response.output_audio_transcript.done":
        return replies.transcriptDone(e.item_id, e.transcript);
      case "response.function_call_arguments.done":
        return replies.toolCall(e.response_id, { callId: e.call_id, name: e.name, args: e.arguments });
      case "response.done": {
        const { usage } = e.response;
        if (usage) {
          life.usage("LLM_INPUT_TOKENS", usage.input_tokens ?? 0);
          life.usage("LLM_OUTPUT_TOKENS", usage.output_tokens ?? 0);
        }
        const reply = replies.done(e.response.id);
        if (reply) this.hooks.responseDone(reply);
        return;
      }
      case "error":
        // Cancelling a response the server already finished is a race, not a fault.
        if (e.error.code !== "response_cancel_not_active") life.emit("error", { source: "realtime", message: e.error.message });
        return;
      default:
        return;
    }
  }

  private callerTurn(itemId: string, text: string, now: number): void {
    const speech = this.callerSpeech.get(itemId);
    this.callerSpeech.delete(itemId);
    const at = this.call.life.rel(now);
    this.call.recordTurn({ role: "CALLER", text, understood: text.length > 0, startMs: speech?.startMs ?? at, endMs: speech?.endMs ?? at });
  }

  private responseCreated(id: string | undefined, tag: string | undefined, now: number): void {
    const { replies, life } = this.call;
    const { reply, requested } = replies.created(id ?? `resp_${now}`, tag, now, this.stoppedAt);
    if (!requested && (this.call.closing() || replies.holdsLine)) {
      // The caller spoke over a closing line: the server answered on its own, but the call is ending.
      return replies.refuse(reply);
    }
    replies.begin(reply);
    if (!this.call.closing() && life.state !== "greeting") life.setState("thinking");
  }
}
