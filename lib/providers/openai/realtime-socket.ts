// One OpenAI Realtime transcription WebSocket: `/v1/realtime?intent=transcription` with the API key as a
// Bearer header, configured by a GA `session.update` (type "transcription": μ-law in, the model, the
// language hint, server turn detection off because our VAD and endpointing decide turns), over the
// shared Realtime link (realtime-link.ts).
import { openRealtimeLink, realtimeUrl } from "./realtime-link";

export interface TranscriptionSessionConfig {
  model: string;
  /** ISO-639-1 ("en"), improves accuracy and latency. */
  language?: string;
  /** Vocabulary and style hint (expected phrases, names). */
  prompt?: string;
}

/** Server events this client acts on (the rest are ignored). */
export type RealtimeServerEvent =
  | { type: "input_audio_buffer.committed"; item_id: string; previous_item_id?: string | null }
  | { type: "conversation.item.input_audio_transcription.delta"; item_id: string; delta: string }
  | { type: "conversation.item.input_audio_transcription.completed"; item_id: string; transcript: string }
  | { type: "conversation.item.input_audio_transcription.failed"; item_id: string; error?: { message?: string } }
  | { type: "error"; error?: { type?: string; code?: string | null; message?: string } }
  | { type: "other" };

export interface RealtimeSocket {
  append(mulaw: Uint8Array): void;
  commit(): void;
  clear(): void;
  close(): void;
}

export interface OpenSocketOptions {
  /** The REST base URL (https://api.openai.com/v1 or OPENAI_BASE_URL); the socket URL is derived from it. */
  baseURL: string;
  apiKey: string;
  session: TranscriptionSessionConfig;
  connectTimeoutMs: number;
  onEvent(event: RealtimeServerEvent): void;
  /** The socket closed without close() being called (a drop). Not called when opening failed. */
  onDrop(reason: string): void;
}

export function transcriptionUrl(baseURL: string): string {
  return realtimeUrl(baseURL, { intent: "transcription" });
}

const HANDLED = new Set([
  "input_audio_buffer.committed",
  "conversation.item.input_audio_transcription.delta",
  "conversation.item.input_audio_transcription.completed",
  "conversation.item.input_audio_transcription.failed",
  "error",
]);

/** Opens and configures the socket; rejects if it is not open within connectTimeoutMs. */
export async function openRealtimeSocket(opts: OpenSocketOptions): Promise<RealtimeSocket> {
  const link = await openRealtimeLink({
    url: transcriptionUrl(opts.baseURL),
    apiKey: opts.apiKey,
    connectTimeoutMs: opts.connectTimeoutMs,
    onEvent: (event) => opts.onEvent((HANDLED.has(event.type) ? event : { type: "other" }) as RealtimeServerEvent),
    onDrop: opts.onDrop,
  });
  const send = (event: Record<string, unknown>) => link.send(JSON.stringify(event));
  const { model, language, prompt } = opts.session;
  send({
    type: "session.update",
    session: {
      type: "transcription",
      audio: {
        input: {
          format: { type: "audio/pcmu" },
          transcription: { model, ...(language ? { language } : {}), ...(prompt ? { prompt } : {}) },
          turn_detection: null,
        },
      },
    },
  });
  return {
    append: (mulaw) => send({ type: "input_audio_buffer.append", audio: Buffer.from(mulaw.buffer, mulaw.byteOffset, mulaw.byteLength).toString("base64") }),
    commit: () => send({ type: "input_audio_buffer.commit" }),
    clear: () => send({ type: "input_audio_buffer.clear" }),
    close: () => link.close(),
  };
}
