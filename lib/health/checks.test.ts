// Checks against endpoints that need no running service: unreachable ports, a silent server, and the
// embedded (no REDIS_URL) mode. Real PostgreSQL/Redis cases are in checks.int.test.ts.
import net from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createDb } from "../db/client";
import { checkDatabase, checkRedis, describeError } from "./checks";
import { buildHealthReport, healthDetailAllowed } from "./report";

let silent: net.Server;
let silentPort = 0;
const sockets = new Set<net.Socket>();

beforeAll(async () => {
  // Accepts connections and never says a word: what a hung server looks like.
  silent = net.createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
  silentPort = (silent.address() as net.AddressInfo).port;
});

afterAll(async () => {
  for (const s of sockets) s.destroy();
  await new Promise((resolve) => silent.close(resolve));
});

/**
 * Runs a check against the silent server on fake timers: still pending when its time limit is 1 ms
 * away, settled once it has passed. The limit elapses when the test moves the clock, so a busy
 * machine can neither stretch the wait nor end it early.
 */
async function atTimeLimit<T>(check: () => Promise<T>, limitMs: number): Promise<T> {
  vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
  try {
    const result: { value?: T } = {};
    void check().then((value) => (result.value = value));
    await vi.advanceTimersByTimeAsync(limitMs - 1);
    expect(result.value).toBeUndefined();
    await vi.advanceTimersByTimeAsync(1);
    expect(result.value).toBeDefined();
    return result.value!;
  } finally {
    vi.useRealTimers();
  }
}

describe("checkDatabase", () => {
  it("reports an unreachable server as down with the reason, fast", async () => {
    const db = createDb("postgresql://postgres:secret@127.0.0.1:1/nowhere");
    try {
      // Refused, not timed out: the reason says so. The limit is out of reach (a busy machine's first
      // connection took 0.8 s of the default 2 s); a check that waited for it would time the test out.
      const result = await checkDatabase({ db, timeoutMs: 60_000 });
      expect(result.status).toBe("down");
      expect(result.error).toBe("Can't reach database server at 127.0.0.1:1");
      expect(result.error).not.toContain("secret");
    } finally {
      await db.$disconnect();
    }
  });

  it("gives up on a server that never answers after timeoutMs", async () => {
    const db = createDb(`postgresql://postgres@127.0.0.1:${silentPort}/x`);
    try {
      const result = await atTimeLimit(() => checkDatabase({ db, timeoutMs: 300 }), 300);
      expect(result).toMatchObject({ status: "down", error: "The database did not answer within 300 ms" });
    } finally {
      for (const s of sockets) s.destroy();
      await db.$disconnect().catch(() => undefined);
    }
  });
});

describe("checkRedis", () => {
  it("says not_used (not ok: nothing was checked) when no REDIS_URL is configured", async () => {
    expect(await checkRedis({ url: undefined })).toEqual({ status: "not_used", mode: "embedded", latencyMs: 0 });
  });

  it("reports a refused connection as down with the reason, fast", async () => {
    // As for the database: the reason shows it was refused, and waiting out the limit would time the test out.
    const result = await checkRedis({ url: "redis://:hunter2@127.0.0.1:1", timeoutMs: 60_000 });
    expect(result).toMatchObject({ status: "down", mode: "external" });
    expect(result.error).toMatch(/ECONNREFUSED/);
    expect(result.error).not.toContain("hunter2");
  });

  it("gives up on a server that never answers after timeoutMs", async () => {
    const result = await atTimeLimit(() => checkRedis({ url: `redis://127.0.0.1:${silentPort}`, timeoutMs: 300 }), 300);
    expect(result).toMatchObject({ status: "down", mode: "external", error: "Redis did not answer within 300 ms" });
  });
});

describe("describeError", () => {
  it("masks passwords in URLs and keeps one line", () => {
    const err = new Error("failed for postgresql://user:pa55@db.example:5432/app\n  at somewhere");
    expect(describeError(err)).toBe("failed for postgresql://user:***@db.example:5432/app at somewhere");
  });
});

describe("buildHealthReport", () => {
  const ok = async () => ({ status: "ok" as const, latencyMs: 1 });
  it("is 200 ok when every check is ok", async () => {
    const { httpStatus, body } = await buildHealthReport("voice", { database: ok, redis: ok });
    expect(httpStatus).toBe(200);
    expect(body).toMatchObject({ status: "ok", service: "voice", checks: { database: { status: "ok" }, redis: { status: "ok" } } });
    expect(body.uptimeSec).toEqual(expect.any(Number));
  });

  it("says which provider serves each capability, with detail only", async () => {
    const { body } = await buildHealthReport("voice", { database: ok });
    expect(body.providers).toEqual({ llm: "local", stt: "local", tts: "local", embeddings: "none", telephony: "local" });
    expect((await buildHealthReport("voice", { database: ok }, { detail: false })).body.providers).toBeUndefined();
  });

  it("is 200 degraded when a check is degraded, 503 degraded when one is down or throws", async () => {
    const degraded = await buildHealthReport("app", { database: async () => ({ status: "degraded", latencyMs: 1 }), redis: ok });
    expect([degraded.httpStatus, degraded.body.status]).toEqual([200, "degraded"]);
    const down = await buildHealthReport("worker", {
      database: ok,
      queue: async () => {
        throw new Error("kaput");
      },
    });
    expect([down.httpStatus, down.body.status]).toEqual([503, "degraded"]);
    expect(down.body.checks.queue).toEqual({ status: "down", latencyMs: 0, error: "kaput" });
  });

  it("counts a not_used dependency as no failure and reports it as such", async () => {
    const { httpStatus, body } = await buildHealthReport("app", { database: ok, redis: () => checkRedis({ url: undefined }) });
    expect([httpStatus, body.status]).toEqual([200, "ok"]);
    expect(body.checks.redis?.status).toBe("not_used");
  });

  it("without detail says status per dependency only: no error text, migration names or modes", async () => {
    const failing = async () => ({
      status: "degraded" as const,
      latencyMs: 3,
      error: "1 migration(s) not applied: 20260101000000_init",
      migrations: { applied: 0, pending: ["20260101000000_init"] },
    });
    const redisDown = async () => ({ status: "down" as const, mode: "external", latencyMs: 2, error: 'relation "x" does not exist' });
    const { httpStatus, body } = await buildHealthReport("app", { database: failing, redis: redisDown }, { detail: false });
    expect(httpStatus).toBe(503);
    expect(body.checks).toEqual({ database: { status: "degraded", latencyMs: 3 }, redis: { status: "down", latencyMs: 2 } });
    expect(JSON.stringify(body)).not.toMatch(/migration|relation|external/);
  });
});

describe("healthDetailAllowed", () => {
  it("allows detail outside production, and in production only on a loopback address", () => {
    expect(healthDetailAllowed("development")).toBe(true);
    expect(healthDetailAllowed("test")).toBe(true);
    expect(healthDetailAllowed("production")).toBe(false);
    expect(healthDetailAllowed("production", "0.0.0.0")).toBe(false);
    expect(healthDetailAllowed("production", "127.0.0.1")).toBe(true);
  });
});
