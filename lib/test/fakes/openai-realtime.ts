// Test support: a local server speaking OpenAI's Realtime *transcription* protocol over WebSocket
// (`/v1/realtime?intent=transcription`, Bearer auth, GA `session.update` with type "transcription" or the
// beta `transcription_session.update`, `input_audio_buffer.append|commit|clear`, server events
// `input_audio_buffer.committed`, `conversation.item.input_audio_transcription.delta|completed`, `error`)
// and `POST /v1/audio/transcriptions` (multipart) for the per-utterance fallback. "Recognition" is
// scripted: by default it hears tone words (openai-tone-words.ts). Knobs inject the faults: refused
// sockets, a socket dropped after N appends, late or missing transcripts, HTTP errors. Never used by
// `npm run dev`.
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import WebSocket, { WebSocketServer } from "ws";
import { linearToMulaw } from "../../audio/mulaw";
import { hearTones } from "./openai-tone-words";

export interface RealtimeConnection {
  url: string;
  headers: IncomingHttpHeaders;
  /** The `session` of every session.update / transcription_session.update, in order. */
  updates: Record<string, unknown>[];
  /** Every client event type, in order. */
  events: string[];
  /** All audio appended on this socket (committed or not), decoded from base64. */
  audio: Buffer;
  /** Each committed utterance's audio. */
  commits: Buffer[];
  socket: WebSocket;
}

export interface HttpTranscription {
  headers: IncomingHttpHeaders;
  model: string;
  language: string | null;
  prompt: string | null;
  file: Buffer;
  fileName: string;
}

export class FakeOpenAiRealtime {
  readonly connections: RealtimeConnection[] = [];
  readonly httpTranscriptions: HttpTranscription[] = [];
  /** Refuse WebSocket upgrades with this HTTP status (e.g. 503), or null. */
  refuseStatus: number | null = null;
  /** Drop the next socket (no close frame) once it has received this many appends; then reset to null. */
  dropAfterAppends: number | null = null;
  /** Delay between commit and the first delta, ms. */
  transcriptDelayMs = 0;
  /** Never send transcripts (commits are acknowledged). */
  stallTranscripts = false;
  /** Answer /v1/audio/transcriptions with this status instead of a transcript. */
  httpStatus = 200;
  /** Keep every socket's whole audio in `RealtimeConnection.audio` (a benchmark with many calls turns it off). */
  keepAudio = true;
  /** What the "model" hears in μ-law audio. */
  transcribe: (mulaw: Buffer) => string = hearTones;
  private readonly http: Server;
  private readonly wss = new WebSocketServer({ noServer: true });
  private items = 0;

  private constructor(readonly apiKey: string) {
    this.http = createServer((req, res) => {
      void this.onHttp(req).then(
        ({ status, body }) => res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body)),
        () => res.writeHead(500).end(),
      );
    });
    this.http.on("upgrade", (req, socket, head) => {
      const url = new URL(req.url ?? "/", "http://x");
      const status =
        url.pathname !== "/v1/realtime" ? 404 : req.headers.authorization !== `Bearer ${this.apiKey}` ? 401 : this.refuseStatus;
      if (status) {
        socket.end(`HTTP/1.1 ${status} Refused\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
        return;
      }
      this.wss.handleUpgrade(req, socket, head, (ws) => this.onSocket(ws, req));
    });
  }

  static async start(apiKey = "sk-test-realtime"): Promise<FakeOpenAiRealtime> {
    const fake = new FakeOpenAiRealtime(apiKey);
    await new Promise<void>((resolve) => fake.http.listen(0, "127.0.0.1", resolve));
    return fake;
  }

  /** The REST base URL to give the SDK / OPENAI_BASE_URL. */
  get baseURL(): string {
    return `http://127.0.0.1:${(this.http.address() as AddressInfo).port}/v1`;
  }

  async close(): Promise<void> {
    for (const c of this.wss.clients) c.terminate();
    await new Promise<void>((resolve) => this.http.close(() => resolve()));
  }

  private onSocket(ws: WebSocket, req: IncomingMessage): void {
    const url = new URL(req.url ?? "/", "http://x");
    const transcriptionOnly = url.searchParams.get("intent") === "transcription";
    const conn: RealtimeConnection = { url: req.url ?? "", headers: req.headers, updates: [], events: [], audio: Buffer.alloc(0), commits: [], socket: ws };
    this.connections.push(conn);
    const id = () => `event_${Math.random().toString(36).slice(2, 12)}`;
    const send = (event: Record<string, unknown>) => ws.readyState === WebSocket.OPEN && ws.send(JSON.stringify({ event_id: id(), ...event }));
    const error = (code: string, message: string, eventId?: unknown) =>
      send({ type: "error", error: { type: "invalid_request_error", code, message, param: null, event_id: eventId ?? null } });
    let format = "audio/pcm";
    let buffer: Buffer[] = [];
    let appends = 0;
    let previous: string | null = null;
    send({ type: "session.created", session: { type: transcriptionOnly ? "transcription" : "realtime", id: `sess_${id()}`, object: "realtime.session" } });

    ws.on("message", (data) => {
      let event: { type?: string; event_id?: string; session?: Record<string, unknown>; audio?: unknown };
      try {
        event = JSON.parse(data.toString()) as typeof event;
      } catch {
        return error("invalid_json", "The server could not parse the event");
      }
      conn.events.push(String(event.type));
      switch (event.type) {
        case "session.update": {
          const session = event.session ?? {};
          if (transcriptionOnly && session.type !== "transcription") return error("invalid_value", "session.type must be 'transcription'", event.event_id);
          const input = ((session.audio as Record<string, unknown> | undefined)?.input ?? {}) as { format?: { type?: string } };
          format = input.format?.type ?? format;
          conn.updates.push(session);
          return send({ type: "session.updated", session });
        }
        case "transcription_session.update": {
          const session = event.session ?? {};
          format = session.input_audio_format === "g711_ulaw" ? "audio/pcmu" : session.input_audio_format === "g711_alaw" ? "audio/pcma" : "audio/pcm";
          conn.updates.push(session);
          return send({ type: "transcription_session.updated", session });
        }
        case "input_audio_buffer.append": {
          if (typeof event.audio !== "string") return error("missing_required_parameter", "Missing 'audio'", event.event_id);
          const chunk = Buffer.from(event.audio, "base64");
          buffer.push(chunk);
          if (this.keepAudio) conn.audio = Buffer.concat([conn.audio, chunk]);
          if (this.dropAfterAppends !== null && ++appends >= this.dropAfterAppends) {
            this.dropAfterAppends = null;
            ws.terminate();
          }
          return;
        }
        case "input_audio_buffer.clear":
          buffer = [];
          return send({ type: "input_audio_buffer.cleared" });
        case "input_audio_buffer.commit": {
          const audio = Buffer.concat(buffer);
          buffer = [];
          const bytesPer100ms = format === "audio/pcm" ? 4800 : 800;
          if (audio.length < bytesPer100ms) {
            return error("input_audio_buffer_commit_empty", "buffer too small: expected at least 100ms of audio", event.event_id);
          }
          conn.commits.push(audio);
          const itemId = `item_${++this.items}`;
          send({ type: "input_audio_buffer.committed", previous_item_id: previous, item_id: itemId });
          previous = itemId;
          if (!this.stallTranscripts) setTimeout(() => this.sendTranscript(send, itemId, audio, format), this.transcriptDelayMs);
          return;
        }
        default:
          return error("invalid_event", `Unknown event type '${String(event.type)}'`, event.event_id);
      }
    });
  }

  private sendTranscript(send: (e: Record<string, unknown>) => unknown, itemId: string, audio: Buffer, format: string): void {
    const transcript = format === "audio/pcmu" ? this.transcribe(audio) : "";
    for (const word of transcript.split(/(?<= )/)) {
      if (word) send({ type: "conversation.item.input_audio_transcription.delta", item_id: itemId, content_index: 0, delta: word });
    }
    send({
      type: "conversation.item.input_audio_transcription.completed",
      item_id: itemId,
      content_index: 0,
      transcript,
      usage: { type: "duration", seconds: Math.ceil(audio.length / 8000) },
    });
  }

  private async onHttp(req: IncomingMessage): Promise<{ status: number; body: unknown }> {
    if (req.method !== "POST" || req.url !== "/v1/audio/transcriptions") return { status: 404, body: { error: { message: "Not found" } } };
    if (req.headers.authorization !== `Bearer ${this.apiKey}`) return { status: 401, body: { error: { message: "Incorrect API key provided", type: "invalid_request_error", code: "invalid_api_key" } } };
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const form = await new Request("http://x", { method: "POST", headers: { "content-type": req.headers["content-type"] ?? "" }, body: Buffer.concat(chunks) }).formData();
    const file = form.get("file");
    const model = form.get("model");
    if (!(file instanceof Blob) || typeof model !== "string") return { status: 400, body: { error: { message: "file and model are required", type: "invalid_request_error" } } };
    const bytes = Buffer.from(await file.arrayBuffer());
    const str = (name: string) => (typeof form.get(name) === "string" ? (form.get(name) as string) : null);
    this.httpTranscriptions.push({ headers: req.headers, model, language: str("language"), prompt: str("prompt"), file: bytes, fileName: (file as File).name });
    if (this.httpStatus !== 200) return { status: this.httpStatus, body: { error: { message: "The server had an error", type: "server_error" } } };
    return { status: 200, body: { text: this.transcribe(wavToMulaw(bytes)) } };
  }
}

/** The fallback uploads 16-bit PCM WAV: back to μ-law so the same "recogniser" hears it. */
function wavToMulaw(wav: Buffer): Buffer {
  const data = wav.indexOf("data", 12, "ascii");
  const pcm = wav.subarray(data + 8);
  const out = Buffer.alloc(pcm.length >> 1);
  for (let i = 0; i < out.length; i++) out[i] = linearToMulaw(pcm.readInt16LE(i * 2));
  return out;
}
