// Test support: a local server speaking OpenAI's Realtime speech-to-speech protocol (GA) over WebSocket
// at `/v1/realtime?model=…` with Bearer auth. Client events: session.update, input_audio_buffer.append,
// conversation.item.create, conversation.item.truncate, response.create, response.cancel. Server events
// as the model sends them: session.created/updated, input_audio_buffer.speech_started/speech_stopped/
// committed, conversation.item.added, conversation.item.input_audio_transcription.completed,
// response.created, response.output_item.added, response.output_audio.delta (base64 μ-law),
// response.output_audio_transcript.delta/done, response.function_call_arguments.done, response.done with
// usage, conversation.item.truncated, error. Faults: `dropAfterEvents` / `drop()` cut a connection. The test scripts the caller (callerSays) and the model
// (`reply`: what to say and which tool to call for each response). Never used by `npm run dev`.
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import WebSocket, { WebSocketServer } from "ws";

/** What the "model" does for one response. */
export interface ReplyPlan {
  /** Spoken words (transcript); audio is `msPerChar` ms of μ-law per character. */
  say?: string;
  tool?: { name: string; arguments: Record<string, unknown> };
  usage?: { input_tokens: number; output_tokens: number };
}

export interface ResponseRequest {
  /** "client": a response.create; "vad": the server's own after a committed caller turn. */
  origin: "client" | "vad";
  instructions?: string;
  metadata?: Record<string, string>;
  /** The caller's last transcript (vad responses). */
  transcript?: string;
}

type Json = Record<string, unknown>;

export class S2sFakeConnection {
  readonly updates: Json[] = [];
  /** Every client event except appends, in order. */
  readonly received: Json[] = [];
  appendedBytes = 0;
  /** Assistant items' audio length (ms), by item id: what a truncate may not exceed. */
  readonly itemAudioMs = new Map<string, number>();
  private counter = 0;
  private audioMs = 0;
  private sent = 0;
  /** The fake's knob when this connection opened (a test may reset it for the next one). */
  private readonly dropAfter: number | null;

  constructor(
    private readonly fake: FakeOpenAiS2s,
    readonly url: string,
    readonly headers: IncomingHttpHeaders,
    readonly socket: WebSocket,
  ) {
    this.dropAfter = fake.dropAfterEvents;
  }

  of(type: string): Json[] {
    return this.received.filter((e) => e.type === type);
  }

  send(event: Json): void {
    if (this.socket.readyState !== WebSocket.OPEN) return;
    this.socket.send(JSON.stringify({ event_id: this.id("event"), ...event }));
    if (this.dropAfter !== null && ++this.sent >= this.dropAfter) this.drop();
  }

  /** The connection dies without a close frame (a network drop: the client sees 1006). */
  drop(): void {
    this.socket.terminate();
  }

  id(prefix: string): string {
    return `${prefix}_${(++this.counter).toString().padStart(4, "0")}`;
  }

  /** Server VAD hears the caller: started/stopped/committed, the transcript, then (create_response) a reply. */
  callerSays(transcript: string, opts: { startMs: number; endMs: number; respond?: boolean }): string {
    const itemId = this.id("item");
    this.send({ type: "input_audio_buffer.speech_started", audio_start_ms: opts.startMs, item_id: itemId });
    this.send({ type: "input_audio_buffer.speech_stopped", audio_end_ms: opts.endMs, item_id: itemId });
    this.send({ type: "input_audio_buffer.committed", previous_item_id: null, item_id: itemId });
    this.send({ type: "conversation.item.added", previous_item_id: null, item: { id: itemId, type: "message", role: "user", status: "completed", content: [{ type: "input_audio", transcript: null }] } });
    this.send({ type: "conversation.item.input_audio_transcription.completed", item_id: itemId, content_index: 0, transcript, usage: { type: "duration", seconds: Math.ceil((opts.endMs - opts.startMs) / 1000) } });
    if (opts.respond !== false) this.respond({ origin: "vad", transcript });
    return itemId;
  }

  /** Only the start of caller speech (a barge-in); the test decides what follows. */
  speechStarted(startMs: number): string {
    const itemId = this.id("item");
    this.send({ type: "input_audio_buffer.speech_started", audio_start_ms: startMs, item_id: itemId });
    return itemId;
  }

  onClientEvent(event: Json): void {
    switch (event.type) {
      case "session.update":
        this.updates.push(event.session as Json);
        return this.send({ type: "session.updated", session: event.session });
      case "input_audio_buffer.append":
        if (typeof event.audio !== "string") return this.error("missing_required_parameter", "Missing 'audio'", event);
        this.appendedBytes += Buffer.from(event.audio, "base64").length;
        return;
      case "conversation.item.create": {
        const item = { id: this.id("item"), status: "completed", ...(event.item as Json) };
        return this.send({ type: "conversation.item.added", previous_item_id: null, item });
      }
      case "conversation.item.truncate": {
        const itemId = String(event.item_id);
        const ms = Number(event.audio_end_ms);
        const total = this.itemAudioMs.get(itemId);
        if (total === undefined) return this.error("item_not_found", `Item ${itemId} not found`, event);
        if (!(ms >= 0) || ms > total) return this.error("invalid_value", `audio_end_ms ${ms} exceeds the item's audio (${total} ms)`, event);
        return this.send({ type: "conversation.item.truncated", item_id: itemId, content_index: event.content_index ?? 0, audio_end_ms: ms });
      }
      case "response.create": {
        const response = (event.response ?? {}) as Json;
        return this.respond({ origin: "client", instructions: response.instructions as string | undefined, metadata: response.metadata as Record<string, string> | undefined });
      }
      case "response.cancel":
        // Responses here are generated in one burst, so there is never one to cancel.
        return this.error("response_cancel_not_active", "Cancellation failed: no active response found", event);
      default:
        return this.error("invalid_event", `Unknown event type '${String(event.type)}'`, event);
    }
  }

  private error(code: string, message: string, event: Json): void {
    this.send({ type: "error", error: { type: "invalid_request_error", code, message, param: null, event_id: event.event_id ?? null } });
  }

  /** One whole response, as fast as the model would generate it. */
  private respond(req: ResponseRequest): void {
    this.fake.requests.push(req);
    const plan = this.fake.reply(req);
    const responseId = this.id("resp");
    const response = { object: "realtime.response", id: responseId, status: "in_progress", output: [] as Json[], metadata: req.metadata ?? null, usage: null };
    this.send({ type: "response.created", response });
    let index = 0;
    if (plan.say) {
      const itemId = this.id("item");
      const item = { id: itemId, object: "realtime.item", type: "message", role: "assistant", status: "in_progress", content: [] };
      this.send({ type: "response.output_item.added", response_id: responseId, output_index: index, item });
      this.send({ type: "conversation.item.added", previous_item_id: null, item });
      this.send({ type: "response.content_part.added", response_id: responseId, item_id: itemId, output_index: index, content_index: 0, part: { type: "audio", transcript: "" } });
      const audio = Buffer.alloc(plan.say.length * this.fake.msPerChar * 8, this.fake.audioByte);
      this.itemAudioMs.set(itemId, audio.length / 8);
      this.audioMs += audio.length / 8;
      for (const word of plan.say.split(/(?<= )/)) {
        this.send({ type: "response.output_audio_transcript.delta", response_id: responseId, item_id: itemId, output_index: index, content_index: 0, delta: word });
      }
      for (let at = 0; at < audio.length; at += this.fake.deltaBytes) {
        const delta = audio.subarray(at, at + this.fake.deltaBytes).toString("base64");
        this.send({ type: "response.output_audio.delta", response_id: responseId, item_id: itemId, output_index: index, content_index: 0, delta });
      }
      this.send({ type: "response.output_audio.done", response_id: responseId, item_id: itemId, output_index: index, content_index: 0 });
      this.send({ type: "response.output_audio_transcript.done", response_id: responseId, item_id: itemId, output_index: index, content_index: 0, transcript: plan.say });
      const done = { ...item, status: "completed", content: [{ type: "output_audio", transcript: plan.say }] };
      this.send({ type: "response.output_item.done", response_id: responseId, output_index: index, item: done });
      response.output.push(done);
      index++;
    }
    if (plan.tool) {
      const itemId = this.id("item");
      const callId = this.id("call");
      const args = JSON.stringify(plan.tool.arguments);
      const item = { id: itemId, object: "realtime.item", type: "function_call", status: "in_progress", name: plan.tool.name, call_id: callId, arguments: "" };
      this.send({ type: "response.output_item.added", response_id: responseId, output_index: index, item });
      this.send({ type: "response.function_call_arguments.delta", response_id: responseId, item_id: itemId, output_index: index, call_id: callId, delta: args });
      this.send({ type: "response.function_call_arguments.done", response_id: responseId, item_id: itemId, output_index: index, call_id: callId, name: plan.tool.name, arguments: args });
      const done = { ...item, status: "completed", arguments: args };
      this.send({ type: "response.output_item.done", response_id: responseId, output_index: index, item: done });
      response.output.push(done);
    }
    const usage = plan.usage ?? { input_tokens: 120, output_tokens: 40 };
    this.send({
      type: "response.done",
      response: {
        ...response,
        status: "completed",
        usage: { total_tokens: usage.input_tokens + usage.output_tokens, ...usage, input_token_details: { text_tokens: usage.input_tokens, audio_tokens: 0, cached_tokens: 0 }, output_token_details: { text_tokens: 0, audio_tokens: usage.output_tokens } },
      },
    });
  }
}

export class FakeOpenAiS2s {
  readonly connections: S2sFakeConnection[] = [];
  readonly requests: ResponseRequest[] = [];
  /** Refuse WebSocket upgrades with this HTTP status (e.g. 503), or null. */
  refuseStatus: number | null = null;
  /** Drop each new connection after it has sent this many server events (mid-stream faults), or null. */
  dropAfterEvents: number | null = null;
  /** The model's reply to each response request. Default: a "say exactly" line is said, anything else gets "Okay." */
  reply: (req: ResponseRequest) => ReplyPlan = (req) => ({ say: sayExactlyLine(req.instructions) ?? "Okay." });
  msPerChar = 20;
  /** Bytes per response.output_audio.delta (not a multiple of a 160-byte frame, as the model's are not). */
  deltaBytes = 1000;
  audioByte = 0x55;
  private readonly http: Server;
  private readonly wss = new WebSocketServer({ noServer: true });

  private constructor(readonly apiKey: string) {
    this.http = createServer((_req, res) => res.writeHead(404).end());
    this.http.on("upgrade", (req, socket, head) => {
      const url = new URL(req.url ?? "/", "http://x");
      const status = url.pathname !== "/v1/realtime" || !url.searchParams.get("model") ? 404 : req.headers.authorization !== `Bearer ${this.apiKey}` ? 401 : this.refuseStatus;
      if (status) {
        socket.end(`HTTP/1.1 ${status} Refused\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
        return;
      }
      this.wss.handleUpgrade(req, socket, head, (ws) => {
        const conn = new S2sFakeConnection(this, req.url ?? "", req.headers, ws);
        this.connections.push(conn);
        conn.send({ type: "session.created", session: { type: "realtime", object: "realtime.session", id: conn.id("sess"), model: url.searchParams.get("model") } });
        ws.on("message", (data) => {
          let event: Json;
          try {
            event = JSON.parse(data.toString()) as Json;
          } catch {
            return conn.send({ type: "error", error: { type: "invalid_request_error", code: "invalid_json", message: "The server could not parse the event" } });
          }
          if (event.type !== "input_audio_buffer.append") conn.received.push(event);
          conn.onClientEvent(event);
        });
      });
    });
  }

  static async start(apiKey = "sk-test-s2s"): Promise<FakeOpenAiS2s> {
    const fake = new FakeOpenAiS2s(apiKey);
    await new Promise<void>((resolve) => fake.http.listen(0, "127.0.0.1", resolve));
    return fake;
  }

  get baseURL(): string {
    return `http://127.0.0.1:${(this.http.address() as AddressInfo).port}/v1`;
  }

  get last(): S2sFakeConnection {
    const conn = this.connections.at(-1);
    if (!conn) throw new Error("no Realtime connection yet");
    return conn;
  }

  async close(): Promise<void> {
    for (const c of this.wss.clients) c.terminate();
    await new Promise<void>((resolve) => this.http.close(() => resolve()));
  }
}

/** The quoted line of a "say exactly" instruction, if it is one. */
export function sayExactlyLine(instructions: string | undefined): string | undefined {
  return instructions?.match(/word for word[^"]*"([^"]*)"/)?.[1];
}
