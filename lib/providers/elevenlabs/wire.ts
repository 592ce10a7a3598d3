// ElevenLabs' multi-context text-to-speech WebSocket (`/v1/text-to-speech/{voice_id}/multi-stream-input`),
// which the SDK does not cover: the URL and the JSON messages as ElevenLabs documents them. Clients
// write snake_case (`context_id`, `close_context`, `voice_settings`); the server answers in camelCase
// (`contextId`, `isFinal`, `normalizedAlignment`). Audio is base64 in the output_format asked for.

export const ELEVENLABS_DEFAULT_BASE_URL = "https://api.elevenlabs.io";
/** The lowest-latency model (~75 ms model time, 32 languages). */
export const ELEVENLABS_DEFAULT_MODEL = "eleven_flash_v2_5";
/** G.711 μ-law at 8 kHz: the telephone network's own format, so nothing is resampled. */
export const ELEVENLABS_OUTPUT_FORMAT = "ulaw_8000";
/** The server refuses a sixth open context on one socket ("max_active_conversations"). */
export const MAX_CONTEXTS_PER_SOCKET = 5;

export interface VoiceSettings {
  stability?: number;
  similarity_boost?: number;
  speed?: number;
}

/** One sentence's context: created, given its text and flushed, then closed (the server finishes the flush first). */
export type ClientMessage =
  | { text: " "; context_id: string; voice_settings?: VoiceSettings }
  | { text: string; context_id: string; flush?: boolean }
  | { context_id: string; close_context: true }
  | { close_socket: true };

interface Alignment {
  chars?: string[] | null;
  charStartTimesMs?: number[] | null;
  charDurationsMs?: number[] | null;
}

export interface ServerMessage {
  audio?: string | null;
  isFinal?: boolean | null;
  contextId?: string | null;
  alignment?: Alignment | null;
  normalizedAlignment?: Alignment | null;
  /** Errors arrive as a message before the server closes the socket (e.g. { error: "max_active_conversations", message, code: 1008 }). */
  error?: string | null;
  message?: string | null;
  code?: number | null;
}

/**
 * The socket URL for one voice: the API origin with ws(s), `model_id`, μ-law 8 kHz, `auto_mode` (we
 * send whole sentences, so the server should not wait for its chunk schedule) and the longest idle
 * time the server allows, so a socket survives the caller's turn.
 */
export function multiStreamUrl(baseUrl: string, voiceId: string, modelId: string): string {
  const url = new URL(`v1/text-to-speech/${encodeURIComponent(voiceId)}/multi-stream-input`, baseUrl.endsWith("/") ? baseUrl : `${baseUrl}/`);
  url.protocol = url.protocol === "http:" ? "ws:" : "wss:";
  url.searchParams.set("model_id", modelId);
  url.searchParams.set("output_format", ELEVENLABS_OUTPUT_FORMAT);
  url.searchParams.set("auto_mode", "true");
  url.searchParams.set("inactivity_timeout", "180");
  return url.toString();
}

export function parseServerMessage(data: unknown): ServerMessage | null {
  try {
    const parsed: unknown = JSON.parse(String(data));
    return parsed && typeof parsed === "object" && !Array.isArray(parsed) ? (parsed as ServerMessage) : null;
  } catch {
    return null;
  }
}

/** Characters of the original text the message's audio covers (the alignment, not the normalised one). */
export function alignedChars(msg: ServerMessage): number {
  return msg.alignment?.chars?.length ?? 0;
}
