// One speech-to-speech Realtime WebSocket per call: `/v1/realtime?model=gpt-realtime` derived from the
// REST base URL (OPENAI_BASE_URL honoured), the API key as a Bearer header. The SDK's OpenAIRealtimeWS
// always rewrites the URL to wss:, so it cannot reach an http base URL (a local OpenAI-compatible
// server, the test fake); we speak the same documented protocol over the shared link (../realtime-link.ts)
// and type every event with the SDK's own Realtime types, so the wire format is checked at compile time.
import type { RealtimeClientEvent, RealtimeServerEvent } from "openai/resources/realtime/realtime";
import { openRealtimeLink, realtimeUrl } from "../realtime-link";

export type S2sClientEvent = RealtimeClientEvent;
export type S2sServerEvent = RealtimeServerEvent;

export interface S2sSocket {
  send(event: S2sClientEvent): void;
  /** input_audio_buffer.append with already-encoded μ-law (the hot path: no JSON object per frame). */
  appendAudio(base64: string): void;
  close(): void;
}

export interface OpenS2sSocketOptions {
  baseURL: string;
  apiKey: string;
  model: string;
  connectTimeoutMs: number;
  onEvent(event: S2sServerEvent): void;
  /** The socket closed without close() being called. Not called when opening failed. */
  onDrop(reason: string): void;
}

export function s2sUrl(baseURL: string, model: string): string {
  return realtimeUrl(baseURL, { model });
}

/** Resolves once the socket is open (the caller sends session.update first); rejects after connectTimeoutMs. */
export async function openS2sSocket(opts: OpenS2sSocketOptions): Promise<S2sSocket> {
  const link = await openRealtimeLink({
    url: s2sUrl(opts.baseURL, opts.model),
    apiKey: opts.apiKey,
    connectTimeoutMs: opts.connectTimeoutMs,
    onEvent: (event) => opts.onEvent(event as S2sServerEvent),
    onDrop: opts.onDrop,
  });
  return {
    send: (event) => link.send(JSON.stringify(event)),
    appendAudio: (base64) => link.send(`{"type":"input_audio_buffer.append","audio":"${base64}"}`),
    close: () => link.close(),
  };
}
