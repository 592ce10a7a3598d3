import net from "node:net";
import pino from "pino";
import { afterEach, describe, expect, it } from "vitest";
import { WebSocket } from "ws";
import { createVoiceHttpServer, type UpgradeRoute, type VoiceHttpServer } from "./http-server";
import { healthRoute } from "../shared/http";

const logger = pino({ level: "silent" });
let voice: VoiceHttpServer | undefined;

afterEach(async () => {
  await voice?.close({ graceMs: 200 });
  voice = undefined;
});

async function start(upgradeRoutes: UpgradeRoute[] = []): Promise<number> {
  voice = createVoiceHttpServer({
    logger,
    routes: { "GET /health": healthRoute("voice", { database: async () => ({ status: "ok", latencyMs: 1 }) }) },
    upgradeRoutes,
  });
  return voice.listen(0, "127.0.0.1");
}

/** Sends a raw upgrade request and returns everything the server wrote before closing. */
function rawUpgrade(port: number, path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, "127.0.0.1", () => {
      socket.write(
        `GET ${path} HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
          "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n",
      );
    });
    let text = "";
    socket.on("data", (d) => (text += d.toString()));
    socket.on("close", () => resolve(text));
    socket.on("error", reject);
  });
}

describe("voice http server", () => {
  it("serves GET /health as JSON and 404s other paths", async () => {
    const port = await start();
    const res = await fetch(`http://127.0.0.1:${port}/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: "ok", service: "voice", checks: { database: { status: "ok" } } });
    const missing = await fetch(`http://127.0.0.1:${port}/nope`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ error: { code: "NOT_FOUND", message: "No route for GET /nope" } });
    expect((await fetch(`http://127.0.0.1:${port}/health`, { method: "POST" })).status).toBe(405);
  });

  it("answers an upgrade on an unknown path with HTTP 404 and closes the socket", async () => {
    const port = await start();
    const response = await rawUpgrade(port, "/twilio/media-stream?x=1");
    expect(response).toMatch(/^HTTP\/1\.1 404 Not Found\r\n/);
  });

  it("hands sockets on a routed path to the route, honouring verify", async () => {
    const route: UpgradeRoute = {
      path: "/echo",
      verify: async (req) => (req.url?.includes("token=good") ? { ok: true } : { ok: false, status: 401, message: "bad token" }),
      onConnection: (ws) => ws.on("message", (data) => ws.send(`echo:${data}`)),
    };
    const port = await start([route]);
    expect(await rawUpgrade(port, "/echo?token=bad")).toMatch(/^HTTP\/1\.1 401 Unauthorized\r\n[\s\S]*bad token/);

    const ws = new WebSocket(`ws://127.0.0.1:${port}/echo?token=good`);
    await new Promise((resolve, reject) => ws.once("open", resolve).once("error", reject));
    ws.send("hi");
    const reply = await new Promise<string>((resolve) => ws.once("message", (d) => resolve(d.toString())));
    expect(reply).toBe("echo:hi");

    // Shutdown closes open sockets with 1001 "going away".
    const closed = new Promise<number>((resolve) => ws.once("close", (code) => resolve(code)));
    await voice!.close({ graceMs: 500 });
    voice = undefined;
    expect(await closed).toBe(1001);
  });
});
