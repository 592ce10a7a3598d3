// The app's HTTP server on a real socket with a stub in place of Next's handler: what the handler sees
// as the client's address, whatever the client writes into its headers.
import { request, type IncomingHttpHeaders, type Server } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { clientIp } from "../../lib/auth/client-ip";
import { CLIENT_IP_HEADER, UNKNOWN_CLIENT_IP } from "../../lib/http/peer-address";
import { createAppHttpServer, listen } from "./http-server";

let server: Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined));
  server = undefined;
});

/** A server on a free port whose handler answers with the headers it was given. */
async function start(trustedHops: number, onUpgradeSeen?: (headers: IncomingHttpHeaders) => void): Promise<number> {
  server = createAppHttpServer({
    trustedHops,
    handler: (req, res) => {
      res.setHeader("content-type", "application/json");
      res.end(JSON.stringify(req.headers));
    },
    onError: () => undefined,
  });
  // Added after ours, as Next's HMR listener is.
  if (onUpgradeSeen) server.on("upgrade", (req, socket) => (onUpgradeSeen(req.headers), socket.destroy()));
  return listen(server, 0);
}

function get(port: number, headers: Record<string, string | string[]>): Promise<IncomingHttpHeaders> {
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port, path: "/api/auth/callback/credentials", headers }, (res) => {
      let body = "";
      res.on("data", (chunk: Buffer) => (body += chunk));
      res.on("end", () => resolve(JSON.parse(body) as IncomingHttpHeaders));
    });
    req.on("error", reject);
    req.end();
  });
}

describe("app HTTP server, no trusted proxy (TRUSTED_PROXY_HOPS=0)", () => {
  it("hands the handler the socket's address, not a forged x-frontdesk-client-ip or X-Forwarded-For", async () => {
    const port = await start(0);
    const forged: Record<string, string | string[]>[] = [
      {},
      { [CLIENT_IP_HEADER]: "198.51.100.1" },
      { "x-forwarded-for": "198.51.100.2" },
      { [CLIENT_IP_HEADER]: ["198.51.100.3", "198.51.100.4"], "x-forwarded-for": ["198.51.100.5", "198.51.100.6"], "x-real-ip": "198.51.100.7" },
    ];
    for (const headers of forged) {
      const seen = await get(port, headers);
      expect(seen[CLIENT_IP_HEADER]).toBe("127.0.0.1");
      expect(clientIp(seen, 0, true)).toBe("127.0.0.1");
    }
  });

  it("stamps upgrade requests too, before later upgrade listeners read them", async () => {
    let seen: IncomingHttpHeaders | undefined;
    const port = await start(0, (headers) => (seen = headers));
    await new Promise<void>((resolve) => {
      const req = request({
        host: "127.0.0.1",
        port,
        path: "/_next/hmr",
        headers: { connection: "Upgrade", upgrade: "websocket", [CLIENT_IP_HEADER]: "198.51.100.1" },
      });
      req.on("error", () => resolve()); // the stub listener drops the socket
      req.on("close", () => resolve());
      req.end();
    });
    expect(seen?.[CLIENT_IP_HEADER]).toBe("127.0.0.1");
  });
});

describe("app HTTP server behind one proxy (TRUSTED_PROXY_HOPS=1)", () => {
  it("takes the entry the proxy appended; what the client wrote in front of it changes nothing", async () => {
    const port = await start(1);
    for (const spoofed of ["198.51.100.1", "198.51.100.2, 198.51.100.3"]) {
      const seen = await get(port, { "x-forwarded-for": `${spoofed}, 203.0.113.7`, [CLIENT_IP_HEADER]: "198.51.100.9" });
      expect(seen[CLIENT_IP_HEADER]).toBe("203.0.113.7");
    }
    // A request that skipped the proxy has no entry for it: unknown, not the client's word.
    expect((await get(port, { [CLIENT_IP_HEADER]: "198.51.100.9" }))[CLIENT_IP_HEADER]).toBe(UNKNOWN_CLIENT_IP);
  });
});
