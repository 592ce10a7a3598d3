// Test support: one OpenAI base URL in front of the two local OpenAI servers (openai-http.ts for chat
// and embeddings, openai-realtime.ts for the realtime socket and /v1/audio/*), as api.openai.com serves
// all of them under one OPENAI_BASE_URL. HTTP is proxied by path (SSE streams pass through as they
// are written); WebSocket upgrades are piped to the realtime server byte for byte. Never used by
// `npm run dev`.
import { Agent, createServer, request, type IncomingMessage, type Server } from "node:http";
import { connect, type AddressInfo } from "node:net";
import type { Duplex } from "node:stream";

export interface OpenAiGateway {
  /** The SDK's baseURL / OPENAI_BASE_URL ("http://127.0.0.1:port/v1"). */
  url: string;
  close(): Promise<void>;
}

const portOf = (baseUrl: string) => Number(new URL(baseUrl).port);

/** `chatUrl`: FakeOpenAi.url; `realtimeUrl`: FakeOpenAiRealtime.baseURL. */
export async function startOpenAiGateway(chatUrl: string, realtimeUrl: string): Promise<OpenAiGateway> {
  const chatPort = portOf(chatUrl);
  const realtimePort = portOf(realtimeUrl);
  const agent = new Agent({ keepAlive: true });
  const targetOf = (url = "") => (url.startsWith("/v1/realtime") || url.startsWith("/v1/audio/") ? realtimePort : chatPort);
  const sockets = new Set<Duplex>();

  const server: Server = createServer((req, res) => {
    const upstream = request({ host: "127.0.0.1", port: targetOf(req.url), method: req.method, path: req.url, headers: req.headers, agent }, (up) => {
      res.writeHead(up.statusCode ?? 502, up.headers);
      up.pipe(res);
    });
    upstream.on("error", () => (res.headersSent ? res.destroy() : res.writeHead(502).end()));
    res.on("close", () => upstream.destroy());
    req.pipe(upstream);
  });

  server.on("upgrade", (req: IncomingMessage, client: Duplex, head: Buffer) => {
    const up = connect(targetOf(req.url), "127.0.0.1", () => {
      const lines = [`${req.method} ${req.url} HTTP/1.1`];
      for (let i = 0; i < req.rawHeaders.length; i += 2) lines.push(`${req.rawHeaders[i]}: ${req.rawHeaders[i + 1]}`);
      up.write(`${lines.join("\r\n")}\r\n\r\n`);
      if (head.length) up.write(head);
      up.pipe(client);
      client.pipe(up);
    });
    up.setNoDelay(true);
    sockets.add(client).add(up);
    const drop = () => {
      client.destroy();
      up.destroy();
      sockets.delete(client);
      sockets.delete(up);
    };
    up.on("error", drop).on("close", drop);
    client.on("error", drop).on("close", drop);
  });

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        agent.destroy();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
