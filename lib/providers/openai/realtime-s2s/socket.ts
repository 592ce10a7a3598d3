// One speech-to-speech Realtime WebSocket per call: `/v1/realtime?model=gpt-realtime` derived from the
// REST base URL (OPENAI_BASE_URL honoured), the API key as a Bearer header. The SDK's OpenAIRealtimeWS
// always rewrites the URL to wss:, so it cannot reach an http base URL (a local OpenAI-compatible
// server, the test fake); we speak the same documented protocol with `ws` and type every event with
// the SDK's own Realtime types, so the wire format is checked at compile time.
import WebSocket from "ws";
import type { RealtimeClientEvent, RealtimeServerEvent } from "openai/resources/realtime/realtime";

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
  const url = new URL(`${baseURL.replace(/\/+$/, "")}/realtime`);
  url.protocol = url.protocol === "http:" ? "ws:" : "wss:";
  url.search = "";
  url.searchParams.set("model", model);
  return url.toString();
}

/** Resolves once the socket is open (the caller sends session.update first); rejects after connectTimeoutMs. */
export function openS2sSocket(opts: OpenS2sSocketOptions): Promise<S2sSocket> {
  const ws = new WebSocket(s2sUrl(opts.baseURL, opts.model), {
    headers: { Authorization: `Bearer ${opts.apiKey}` },
    handshakeTimeout: opts.connectTimeoutMs,
  });
  let opened = false;
  let closedByUs = false;
  ws.on("message", (data) => {
    let event: S2sServerEvent;
    try {
      event = JSON.parse(data.toString()) as S2sServerEvent;
    } catch {
      return;
    }
    if (event && typeof event.type === "string") opts.onEvent(event);
  });
  ws.on("close", (code, reason) => {
    if (opened && !closedByUs) opts.onDrop(`socket closed (${code}${reason.length ? ` ${reason.toString()}` : ""})`);
  });
  const socket: S2sSocket = {
    send(event) {
      if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(event));
    },
    appendAudio(base64) {
      if (ws.readyState === WebSocket.OPEN) ws.send(`{"type":"input_audio_buffer.append","audio":"${base64}"}`);
    },
    close() {
      closedByUs = true;
      ws.removeAllListeners("message");
      if (ws.readyState === WebSocket.CONNECTING) ws.terminate();
      else ws.close(1000);
    },
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error(`no connection within ${opts.connectTimeoutMs} ms`)), opts.connectTimeoutMs);
    function fail(err: Error) {
      clearTimeout(timer);
      socket.close();
      reject(err);
    }
    ws.once("error", (err) => {
      if (!opened) fail(err);
    });
    ws.on("error", () => {}); // after opening, errors surface as a close (onDrop)
    ws.once("open", () => {
      clearTimeout(timer);
      opened = true;
      resolve(socket);
    });
  });
}
