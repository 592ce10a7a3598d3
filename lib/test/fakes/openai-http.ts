// Test support: a local server speaking OpenAI's HTTP wire format (POST /v1/chat/completions with SSE
// streaming, POST /v1/embeddings), so the real `openai` SDK runs end to end without the network. Each
// chat request takes the next scripted step (a streamed answer, tool calls with arguments split into
// pieces, an HTTP error, a stall, a socket dropped mid-stream); embeddings are deterministic feature
// hashes. Never used by `npm run dev`.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { hashEmbedding } from "../hash-embedder";

export interface FakeToolCall {
  name: string;
  /** The arguments JSON (an object is serialised); streamed in `argPieces` pieces. */
  args: string | Record<string, unknown>;
  id?: string;
}

export type ChatStep =
  | {
      kind?: "stream";
      /** Streamed as content deltas: a string is split on spaces (spaces kept), an array as given. */
      text?: string | string[];
      toolCalls?: FakeToolCall[];
      /** How many pieces each tool call's arguments arrive in (default 3). */
      argPieces?: number;
      usage?: { prompt_tokens: number; completion_tokens: number };
      /** Delay before the response headers (a stall before the first token), ms. */
      stallMs?: number;
      /** Delay between chunks, ms. */
      chunkDelayMs?: number;
      /** Destroy the socket after this many content/tool chunks were sent (a dropped stream). */
      dropAfterChunks?: number;
    }
  | { kind: "error"; status: number; message?: string; type?: string };

export interface RecordedRequest {
  path: string;
  headers: IncomingMessage["headers"];
  body: Record<string, unknown>;
}

export interface FakeOpenAi {
  /** Base URL for the SDK's `baseURL` ("http://127.0.0.1:port/v1"). */
  url: string;
  requests: RecordedRequest[];
  /** Queue steps for the next chat requests (one per request); when empty, `defaultStep` is used. */
  script(...steps: ChatStep[]): void;
  defaultStep: ChatStep;
  /** Forget scripted steps, injected failures and recorded requests (between tests sharing one server). */
  reset(): void;
  /** The next `n` embeddings requests fail with this status (429 by default). */
  failEmbeddings(n: number, status?: number): void;
  close(): Promise<void>;
}

const sleep = (ms: number, res: ServerResponse) =>
  new Promise<void>((resolve) => {
    if (ms <= 0) return resolve();
    const t = setTimeout(resolve, ms);
    res.once("close", () => {
      clearTimeout(t);
      resolve();
    });
  });

function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    req.on("data", (c: Buffer) => parts.push(c));
    req.on("end", () => {
      try {
        resolve(JSON.parse(Buffer.concat(parts).toString("utf8") || "{}") as Record<string, unknown>);
      } catch (e) {
        reject(e as Error);
      }
    });
    req.on("error", reject);
  });
}

function sendError(res: ServerResponse, status: number, message: string, type = "server_error"): void {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify({ error: { message, type, param: null, code: null } }));
}

function pieces(s: string, n: number): string[] {
  const size = Math.max(1, Math.ceil(s.length / Math.max(1, n)));
  const out: string[] = [];
  for (let i = 0; i < s.length; i += size) out.push(s.slice(i, i + size));
  return out.length ? out : [""];
}

/** The chunks' `choices[0]` payloads of one streamed answer, in order. */
function streamDeltas(step: Extract<ChatStep, { kind?: "stream" }>): { delta: Record<string, unknown>; finish: string | null }[] {
  const text = step.text === undefined ? [] : Array.isArray(step.text) ? step.text : step.text.split(/(?<= )/);
  const out: { delta: Record<string, unknown>; finish: string | null }[] = text.map((content) => ({ delta: { content }, finish: null }));
  (step.toolCalls ?? []).forEach((call, index) => {
    const args = typeof call.args === "string" ? call.args : JSON.stringify(call.args);
    const id = call.id ?? `call_${index + 1}`;
    out.push({ delta: { tool_calls: [{ index, id, type: "function", function: { name: call.name, arguments: "" } }] }, finish: null });
    for (const p of pieces(args, step.argPieces ?? 3)) out.push({ delta: { tool_calls: [{ index, function: { arguments: p } }] }, finish: null });
  });
  return out;
}

async function streamChat(res: ServerResponse, body: Record<string, unknown>, step: Extract<ChatStep, { kind?: "stream" }>): Promise<void> {
  await sleep(step.stallMs ?? 0, res);
  if (res.destroyed) return;
  res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache", connection: "keep-alive" });
  const base = { id: "chatcmpl-fake", object: "chat.completion.chunk", created: Math.floor(Date.now() / 1000), model: String(body.model) };
  // Resolves once the chunk reached the socket, so a drop right after it still delivers what was sent.
  const send = (payload: unknown) => new Promise<void>((resolve) => res.write(`data: ${JSON.stringify(payload)}\n\n`, () => resolve()));
  await send({ ...base, choices: [{ index: 0, delta: { role: "assistant", content: "" }, finish_reason: null }] });
  const deltas = streamDeltas(step);
  let sent = 0;
  for (const { delta } of deltas) {
    if (step.dropAfterChunks !== undefined && sent >= step.dropAfterChunks) {
      res.socket?.destroy();
      return;
    }
    await sleep(step.chunkDelayMs ?? 0, res);
    if (res.destroyed) return;
    await send({ ...base, choices: [{ index: 0, delta, finish_reason: null }] });
    sent++;
  }
  if (step.dropAfterChunks !== undefined && sent >= step.dropAfterChunks) {
    res.socket?.destroy();
    return;
  }
  const finish = step.toolCalls?.length ? "tool_calls" : "stop";
  await send({ ...base, choices: [{ index: 0, delta: {}, finish_reason: finish }] });
  const include = (body.stream_options as { include_usage?: boolean } | undefined)?.include_usage;
  if (include) {
    const u = step.usage ?? { prompt_tokens: 100, completion_tokens: deltas.length };
    await send({ ...base, choices: [], usage: { ...u, total_tokens: u.prompt_tokens + u.completion_tokens } });
  }
  res.end("data: [DONE]\n\n");
}

export async function startFakeOpenAi(): Promise<FakeOpenAi> {
  const queue: ChatStep[] = [];
  let embedFailures = 0;
  let embedFailStatus = 429;
  const requests: RecordedRequest[] = [];
  const fake: FakeOpenAi = {
    url: "",
    requests,
    script: (...steps) => void queue.push(...steps),
    defaultStep: { text: "Hello from the fake model." },
    reset() {
      queue.length = 0;
      requests.length = 0;
      embedFailures = 0;
    },
    failEmbeddings(n, status = 429) {
      embedFailures = n;
      embedFailStatus = status;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections(); // the SDK keeps connections alive
      }),
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? "").split("?")[0] ?? "";
    const body = req.method === "POST" ? await readJson(req) : {};
    requests.push({ path, headers: req.headers, body });
    if (!String(req.headers.authorization ?? "").startsWith("Bearer ")) return sendError(res, 401, "missing API key", "invalid_request_error");
    if (path === "/v1/chat/completions") {
      const step = queue.shift() ?? fake.defaultStep;
      if (step.kind === "error") return sendError(res, step.status, step.message ?? `injected ${step.status}`, step.type);
      if (body.stream !== true) return sendError(res, 400, "the fake only streams", "invalid_request_error");
      return streamChat(res, body, step);
    }
    if (path === "/v1/embeddings") {
      if (embedFailures > 0) {
        embedFailures--;
        res.setHeader("retry-after-ms", "5");
        return sendError(res, embedFailStatus, "rate limited", "rate_limit_exceeded");
      }
      const input = Array.isArray(body.input) ? (body.input as string[]) : [String(body.input)];
      const dims = typeof body.dimensions === "number" ? body.dimensions : 1536;
      const data = input.map((text, index) => {
        const v = hashEmbedding(text, dims);
        const embedding = body.encoding_format === "base64" ? Buffer.from(new Float32Array(v).buffer).toString("base64") : v;
        return { object: "embedding", index, embedding };
      });
      const tokens = input.reduce((n, t) => n + Math.ceil(t.length / 4), 0);
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ object: "list", data, model: body.model, usage: { prompt_tokens: tokens, total_tokens: tokens } }));
      return;
    }
    sendError(res, 404, `no route ${path}`, "invalid_request_error");
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      if (!res.headersSent) sendError(res, 500, e instanceof Error ? e.message : String(e));
      else res.destroy();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  return fake;
}
