import { createServer, type Server } from "node:net";
import { describe, expect, it } from "vitest";
import { assertPortFree, assertPortsFree, PortInUseError, PortsInUseError } from "./ports";

async function occupy(): Promise<{ server: Server; port: number }> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return { server, port: (server.address() as { port: number }).port };
}

const release = (server: Server) => new Promise((r) => server.close(r));

describe("assertPortFree", () => {
  it("passes for a free port and names the variable when the port is taken", async () => {
    const { server, port } = await occupy();
    try {
      const err = await assertPortFree(port, "EMBEDDED_DB_PORT", "embedded database", "127.0.0.1").catch((e: unknown) => e);
      expect(err).toBeInstanceOf(PortInUseError);
      expect((err as Error).message).toBe(
        `Port ${port} (EMBEDDED_DB_PORT, embedded database) is already in use. Another "npm run dev" may still be running; stop it, or set EMBEDDED_DB_PORT to a free port.`,
      );
    } finally {
      await release(server);
    }
    await expect(assertPortFree(port, "EMBEDDED_DB_PORT", "embedded database", "127.0.0.1")).resolves.toBeUndefined();
  });
});

describe("assertPortsFree", () => {
  it("names every busy port in one error, and none of the free ones", async () => {
    const a = await occupy();
    const b = await occupy();
    const free = await occupy();
    await release(free.server);
    try {
      const err = await assertPortsFree([
        { port: a.port, variable: "PORT", purpose: "web app", host: "127.0.0.1" },
        { port: free.port, variable: "VOICE_PORT", purpose: "voice server", host: "127.0.0.1" },
        { port: b.port, variable: "WORKER_PORT", purpose: "worker health endpoint", host: "127.0.0.1" },
      ]).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(PortsInUseError);
      expect((err as PortsInUseError).busy.map((c) => c.variable)).toEqual(["PORT", "WORKER_PORT"]);
      expect((err as Error).message).toBe(
        `Ports ${a.port} (PORT, web app), ${b.port} (WORKER_PORT, worker health endpoint) are already in use. ` +
          `Another "npm run dev" may still be running; stop it, or set PORT, WORKER_PORT to free ports.`,
      );
    } finally {
      await Promise.all([release(a.server), release(b.server)]);
    }
  });

  it("throws the single-port error when one is busy, and resolves when all are free", async () => {
    const a = await occupy();
    try {
      await expect(assertPortsFree([{ port: a.port, variable: "PORT", purpose: "web app", host: "127.0.0.1" }])).rejects.toBeInstanceOf(PortInUseError);
    } finally {
      await release(a.server);
    }
    await expect(assertPortsFree([{ port: a.port, variable: "PORT", purpose: "web app", host: "127.0.0.1" }])).resolves.toBeUndefined();
  });

  it("refuses one port claimed by two variables", async () => {
    await expect(
      assertPortsFree([
        { port: 3300, variable: "PORT", purpose: "web app" },
        { port: 3300, variable: "VOICE_PORT", purpose: "voice server" },
      ]),
    ).rejects.toThrow("PORT and VOICE_PORT are both 3300: give each its own port.");
  });
});
