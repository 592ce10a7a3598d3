// The WebSocket both OpenAI Realtime uses open (transcription for the STT provider, speech-to-speech for
// the Realtime engine): `<base>/realtime?…` derived from the REST base URL (OPENAI_BASE_URL honoured,
// http → ws), the API key as a Bearer header, a connect deadline, JSON events in, and a drop told apart
// from our own close. The openai SDK's realtime client rewrites URLs to wss: and only opens conversation
// sessions, so this speaks the documented protocol with `ws`; each use types its own events.
import WebSocket from "ws";

export function realtimeUrl(baseURL: string, params: Record<string, string>): string {
  const url = new URL(`${baseURL.replace(/\/+$/, "")}/realtime`);
  url.protocol = url.protocol === "http:" ? "ws:" : "wss:";
  url.search = new URLSearchParams(params).toString();
  return url.toString();
}

export interface RealtimeLink {
  /** Sends one already-serialised event (dropped when the socket is not open). */
  send(json: string): void;
  close(): void;
}

export interface OpenRealtimeLinkOptions {
  url: string;
  apiKey: string;
  connectTimeoutMs: number;
  /** Each server event that parses as a JSON object with a string `type`. */
  onEvent(event: { type: string }): void;
  /** The socket closed without close() being called. Not called when opening failed. */
  onDrop(reason: string): void;
}

/** Resolves once the socket is open; rejects (and closes it) after connectTimeoutMs or on an error before that. */
export function openRealtimeLink(opts: OpenRealtimeLinkOptions): Promise<RealtimeLink> {
  const ws = new WebSocket(opts.url, { headers: { Authorization: `Bearer ${opts.apiKey}` }, handshakeTimeout: opts.connectTimeoutMs });
  let opened = false;
  let closedByUs = false;
  ws.on("message", (data) => {
    let event: unknown;
    try {
      event = JSON.parse(data.toString());
    } catch {
      return;
    }
    if (event && typeof event === "object" && typeof (event as { type?: unknown }).type === "string") opts.onEvent(event as { type: string });
  });
  ws.on("close", (code, reason) => {
    if (opened && !closedByUs) opts.onDrop(`socket closed (${code}${reason.length ? ` ${reason.toString()}` : ""})`);
  });
  const link: RealtimeLink = {
    send(json) {
      if (ws.readyState === WebSocket.OPEN) ws.send(json);
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
      link.close();
      reject(err);
    }
    ws.once("error", (err) => {
      if (!opened) fail(err);
    });
    // After opening, errors surface as a close (onDrop); keep a listener so they never throw.
    ws.on("error", () => {});
    ws.once("open", () => {
      clearTimeout(timer);
      opened = true;
      resolve(link);
    });
  });
}
