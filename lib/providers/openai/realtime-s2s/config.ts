// What a speech-to-speech call tells the Realtime model: the session (instructions = the same system
// message the chat responder sends, the agent's Realtime voice, the enabled tools as function tools,
// μ-law both ways, the model's own server VAD deciding turns, caller transcription for the turn log)
// and the "say exactly this" responses the engine uses for its own lines (greeting, re-prompts, goodbyes).
import type { RealtimeSessionCreateRequest, ResponseCreateEvent } from "openai/resources/realtime/realtime";
import type { AgentProfile, ConversationMode, ToolSpec } from "../../responder/types";
import { systemPrompt } from "../system-prompt";

export const DEFAULT_S2S_MODEL = "gpt-realtime";
export const S2S_TRANSCRIPTION_MODEL = "gpt-4o-mini-transcribe";
/** Server VAD: trailing silence that ends a caller turn (it is also the endpointing part of the latency). */
export const S2S_SILENCE_MS = 500;
export { REALTIME_VOICES } from "../../../agents/options";

export function sessionConfig(profile: AgentProfile, mode: ConversationMode, voice: string, tools: readonly ToolSpec[], now: Date): RealtimeSessionCreateRequest {
  return {
    type: "realtime",
    instructions: systemPrompt(profile, mode, now),
    output_modalities: ["audio"],
    audio: {
      input: {
        format: { type: "audio/pcmu" },
        transcription: { model: S2S_TRANSCRIPTION_MODEL, ...(profile.language ? { language: profile.language.slice(0, 2).toLowerCase() } : {}) },
        // The model's own VAD: the caller's audio only exists in the model's context, and the model
        // starts answering the moment it commits the turn (our VAD would add a commit round trip).
        // interrupt_response stops generation at once; the engine still clears the line and truncates.
        turn_detection: { type: "server_vad", threshold: 0.5, prefix_padding_ms: 300, silence_duration_ms: S2S_SILENCE_MS, create_response: true, interrupt_response: true },
      },
      output: { format: { type: "audio/pcmu" }, voice },
    },
    tools: tools.map((t) => ({ type: "function" as const, name: t.name, description: t.description, parameters: t.parameters })),
    tool_choice: "auto",
  };
}

/** A response that says `line` word for word, tagged so its response.created is recognised. */
export function sayExactly(line: string, tag: string): ResponseCreateEvent {
  return {
    type: "response.create",
    response: {
      instructions: `Say exactly this to the caller, word for word, and nothing else: "${line}"`,
      tool_choice: "none",
      metadata: { tag },
    },
  };
}

/** The model answers the conversation so far (after tool results, or a typed caller line). */
export function answer(tag: string): ResponseCreateEvent {
  return { type: "response.create", response: { metadata: { tag } } };
}
