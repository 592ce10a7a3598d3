// One OpenAI Realtime transcription WebSocket: `/v1/realtime?intent=transcription` with the API key as a
// Bearer header, configured by a GA `session.update` (type "transcription": μ-law in, the model, the
// language hint, server turn detection off because our VAD and endpointing decide turns). The openai
// SDK's realtime client only opens model (conversation) sessions over wss, so this speaks the
// documented protocol with `ws` itself.
import WebSocket from "ws";

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
  const url = new URL(`${baseURL.replace(/\/+$/, "")}/realtime`);
  url.protocol = url.protocol === "http:" ? "ws:" : "wss:";
  url.search = "intent=transcription";
  return url.toString();
}

const HANDLED = new Set([
  "input_audio_buffer.committed",
  "conversation.item.input_audio_transcription.delta",
  "conversation.item.input_audio_transcription.completed",
  "conversation.item.input_audio_transcription.failed",
  "error",
]);

/** Opens and configures the socket; rejects if it is not open within connectTimeoutMs. */
export function openRealtimeSocket(opts: OpenSocketOptions): Promise<RealtimeSocket> {
  const ws = new WebSocket(transcriptionUrl(opts.baseURL), {
    headers: { Authorization: `Bearer ${opts.apiKey}` },
    handshakeTimeout: opts.connectTimeoutMs,
  });
  const send = (event: Record<string, unknown>) => {
    if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(event));
  };
  let opened = false;
  let closedByUs = false;
  ws.on("message", (data) => {
    let event: { type?: unknown };
    try {
      event = JSON.parse(data.toString()) as { type?: unknown };
    } catch {
      return;
    }
    const type = typeof event.type === "string" ? event.type : "";
    opts.onEvent((HANDLED.has(type) ? event : { type: "other" }) as RealtimeServerEvent);
  });
  ws.on("close", (code, reason) => {
    if (opened && !closedByUs) opts.onDrop(`socket closed (${code}${reason.length ? ` ${reason.toString()}` : ""})`);
  });
  const socket: RealtimeSocket = {
    append: (mulaw) => send({ type: "input_audio_buffer.append", audio: Buffer.from(mulaw.buffer, mulaw.byteOffset, mulaw.byteLength).toString("base64") }),
    commit: () => send({ type: "input_audio_buffer.commit" }),
    clear: () => send({ type: "input_audio_buffer.clear" }),
    close: () => {
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
    // After opening, errors surface as a close (handled above); keep a listener so they never throw.
    ws.on("error", () => {});
    ws.once("open", () => {
      clearTimeout(timer);
      opened = true;
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
      resolve(socket);
    });
  });
}
