// Test support: a local ElevenLabs that speaks the real wire format, so the provider's SDK and ws code
// runs unchanged against it. HTTP: GET /v1/voices (xi-api-key header, snake_case JSON). WebSocket:
// /v1/text-to-speech/{voice_id}/multi-stream-input — contexts opened with text " ", text + flush
// generates audio (μ-law base64, one message per word, with its alignment), close_context ends the
// context with { isFinal, contextId }, close_socket closes, a sixth open context is refused as the real
// server does, and so is a voice id the account does not have (HTTP 400 voice_not_found, as the REST API
// answers it). Knobs refuse the upgrade with an HTTP status or delay each message; injectFault drops the
// socket, sends an error or stalls after N more audio messages. Never used by `npm run dev`.
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Duplex } from "node:stream";
import { WebSocket, WebSocketServer } from "ws";

export const FAKE_ELEVENLABS_KEY = "test-elevenlabs-key";
const SAMPLES_PER_CHAR = 80; // 10 ms of 8 kHz audio per character

/** The μ-law byte every sample of the n-th audio message (0-based, per server) is filled with: order is visible in the PCM. */
export const fakeAudioByte = (n: number) => 0x80 + (n % 100);

export interface FakeVoiceRow {
  voice_id: string;
  name: string;
  category?: string;
  labels?: Record<string, string>;
  verified_languages?: { language: string; model_id: string; locale?: string; accent?: string }[];
}

export const DEFAULT_FAKE_VOICES: FakeVoiceRow[] = [
  { voice_id: "21m00Tcm4TlvDq8ikWAM", name: "Rachel", category: "premade", labels: { accent: "american", gender: "female" } },
  { voice_id: "JBFqnCBsd6RMkjVDRZzb", name: "George", category: "premade", labels: { accent: "british", gender: "male" } },
  {
    voice_id: "es-voice-1",
    name: "Lucía",
    category: "cloned",
    labels: { gender: "female" },
    verified_languages: [{ language: "es", model_id: "eleven_flash_v2_5", locale: "es-ES" }],
  },
];

export interface FakeElevenLabsKnobs {
  /** The WebSocket upgrade is answered with this HTTP status (429, 500…) instead of 101. */
  refuseWith?: number;
  /** GET /v1/voices answers with this status (500, 429…) instead of the list. */
  voicesStatus?: number;
  /** Wait before each server message (ms; 0 still yields to the event loop between messages). */
  messageDelayMs: number;
  /** Wait before the first audio of each flushed text (the model's time to first byte, ms). */
  firstAudioDelayMs?: number;
}

interface Context {
  buffer: string;
  chain: Promise<void>;
}

/**
 * What goes wrong once, after the given number of further audio messages: "drop" cuts the socket (no
 * close frame), "error" sends an error message then closes 1011, "stall" sends nothing more on it.
 */
export type FakeFault = "drop" | "error" | "stall";

export class FakeElevenLabs {
  readonly knobs: FakeElevenLabsKnobs = { messageDelayMs: 0 };
  private fault?: { kind: FakeFault; at: number };
  voices: FakeVoiceRow[] = DEFAULT_FAKE_VOICES;
  voiceRequests = 0;
  /** WebSocket upgrade requests received, accepted or refused (a skipped vendor sees none). */
  upgradeRequests = 0;
  /** Each socket's URL (path + query) and the JSON messages it received, in order. */
  readonly sockets: { url: URL; received: Record<string, unknown>[] }[] = [];
  audioSent = 0;
  private readonly http: Server;
  private readonly wss = new WebSocketServer({ noServer: true });
  private readonly clients = new Set<WebSocket>();

  private constructor() {
    this.http = createServer((req, res) => {
      const url = new URL(req.url ?? "/", "http://localhost");
      if (req.headers["xi-api-key"] !== FAKE_ELEVENLABS_KEY) {
        res.writeHead(401, { "content-type": "application/json" }).end(JSON.stringify({ detail: { status: "invalid_api_key", message: "Invalid API key" } }));
        return;
      }
      if (req.method === "GET" && url.pathname === "/v1/voices") {
        this.voiceRequests++;
        if (this.knobs.voicesStatus) {
          res.writeHead(this.knobs.voicesStatus, { "content-type": "application/json" }).end(JSON.stringify({ detail: { status: "error", message: "Server error" } }));
          return;
        }
        res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ voices: this.voices }));
        return;
      }
      res.writeHead(404, { "content-type": "application/json" }).end(JSON.stringify({ detail: { status: "not_found", message: "Not found" } }));
    });
    this.http.on("upgrade", (req, socket, head) => this.upgrade(req, socket, head));
  }

  static async start(): Promise<FakeElevenLabs> {
    const fake = new FakeElevenLabs();
    await new Promise<void>((resolve) => fake.http.listen(0, "127.0.0.1", resolve));
    return fake;
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${(this.http.address() as AddressInfo).port}`;
  }

  /** Every text the server was asked to speak (flushed text chunks), across sockets. */
  spokenTexts(): string[] {
    return this.sockets.flatMap((s) => s.received.filter((m) => typeof m.text === "string" && m.text !== " " && m.flush).map((m) => String(m.text)));
  }

  injectFault(kind: FakeFault, afterAudio: number): void {
    this.fault = { kind, at: this.audioSent + afterAudio };
  }

  reset(): void {
    Object.assign(this.knobs, { refuseWith: undefined, voicesStatus: undefined, messageDelayMs: 0, firstAudioDelayMs: 0 });
    this.fault = undefined;
    this.sockets.length = 0;
    this.audioSent = 0;
    this.voiceRequests = 0;
    this.upgradeRequests = 0;
    this.voices = DEFAULT_FAKE_VOICES;
  }

  async close(): Promise<void> {
    for (const ws of this.clients) ws.terminate();
    this.wss.close();
    await new Promise<void>((resolve) => this.http.close(() => resolve()));
  }

  private upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    this.upgradeRequests++;
    const url = new URL(req.url ?? "/", "http://localhost");
    const refuse = (status: number, text: string, detail: Record<string, string> = { message: text }) => {
      socket.end(`HTTP/1.1 ${status} ${text}\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n${JSON.stringify({ detail })}`);
    };
    const path = /^\/v1\/text-to-speech\/([^/]+)\/multi-stream-input$/.exec(url.pathname);
    if (!path) return refuse(404, "Not Found");
    if (req.headers["xi-api-key"] !== FAKE_ELEVENLABS_KEY) return refuse(401, "Unauthorized");
    if (this.knobs.refuseWith) return refuse(this.knobs.refuseWith, this.knobs.refuseWith === 429 ? "Too Many Requests" : "Server Error");
    if (url.searchParams.get("output_format") !== "ulaw_8000" || !url.searchParams.get("model_id")) return refuse(400, "Bad Request");
    const voiceId = decodeURIComponent(path[1]!);
    if (!this.voices.some((v) => v.voice_id === voiceId)) {
      return refuse(400, "Bad Request", { status: "voice_not_found", message: `A voice for the voice_id ${voiceId} was not found.` });
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => this.serve(ws, url));
  }

  private serve(ws: WebSocket, url: URL): void {
    this.clients.add(ws);
    const record = { url, received: [] as Record<string, unknown>[] };
    this.sockets.push(record);
    const contexts = new Map<string, Context>();
    let stopped = false; // dropped, errored or stalled: nothing more is sent
    const fires = (kind: FakeFault) => {
      if (this.fault?.kind !== kind || this.fault.at !== this.audioSent) return false;
      this.fault = undefined;
      stopped = true;
      return true;
    };
    ws.on("close", () => this.clients.delete(ws));
    const send = async (msg: Record<string, unknown>) => {
      await new Promise((r) => (this.knobs.messageDelayMs ? setTimeout(r, this.knobs.messageDelayMs) : setImmediate(r)));
      if (stopped || ws.readyState !== WebSocket.OPEN) return;
      if (msg.audio !== undefined) {
        if (fires("drop")) return void ws.terminate();
        if (fires("error")) {
          ws.send(JSON.stringify({ message: "An internal server error occurred.", error: "internal_error", code: 1011 }));
          return void ws.close(1011, "internal_error");
        }
        if (fires("stall")) return;
        const n = this.audioSent++;
        msg.audio = Buffer.alloc(Number(msg.audio), fakeAudioByte(n)).toString("base64");
      }
      ws.send(JSON.stringify(msg));
    };
    const generate = async (contextId: string, text: string) => {
      const ttfb = this.knobs.firstAudioDelayMs ?? 0;
      if (ttfb > 0 && text.trim()) await new Promise((r) => setTimeout(r, ttfb));
      for (const word of text.match(/\S+\s*/g) ?? []) {
        const chars = [...word];
        const alignment = { chars, charStartTimesMs: chars.map((_, i) => i * 10), charDurationsMs: chars.map(() => 10) };
        await send({ audio: chars.length * SAMPLES_PER_CHAR, normalizedAlignment: alignment, alignment, contextId });
      }
    };
    ws.on("message", (data) => {
      const msg = JSON.parse(String(data)) as Record<string, unknown>;
      record.received.push(msg);
      if (msg.close_socket) return void ws.close(1000);
      const id = typeof msg.context_id === "string" ? msg.context_id : "default";
      let ctx = contexts.get(id);
      if (!ctx) {
        if (contexts.size >= 5) {
          ws.send(JSON.stringify({ message: "Maximum simultaneous contexts per WebSocket connection exceeded (5).", error: "max_active_conversations", code: 1008 }));
          return void ws.close(1008);
        }
        ctx = { buffer: "", chain: Promise.resolve() };
        contexts.set(id, ctx);
      }
      const c = ctx;
      if (typeof msg.text === "string" && msg.text !== " ") c.buffer += msg.text;
      if (msg.flush || msg.close_context) {
        const text = c.buffer;
        c.buffer = "";
        c.chain = c.chain.then(() => generate(id, text));
      }
      if (msg.close_context) {
        c.chain = c.chain.then(() => send({ isFinal: true, contextId: id }));
        contexts.delete(id);
      }
    });
  }
}
