// The embedded database in its own process: nothing committed is lost when it is killed -9 mid-write,
// the next start needs no manual step (its directory lock is stale), and when its launcher dies it
// closes PGlite cleanly on its own (its lock file is removed, which only a clean stop does).
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { embeddedDatabaseUrl } from "../../lib/env";
import { startEmbeddedDbChild, type EmbeddedDbChild } from "./embedded-db-child";

const TIMEOUT = 240_000; // three PGlite start-ups, one with initdb, on a busy machine
const PASSWORD = "kill-nine-test-password";
const url = (port: number) => embeddedDatabaseUrl(port, PASSWORD);
const quiet = { log: () => undefined };
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

let root: string | undefined;
afterAll(() => (root ? rm(root, { recursive: true, force: true }) : undefined));

describe("the embedded database process", () => {
  it("keeps every committed row through a kill -9 mid-write, and starts again on its own", async () => {
    root = await mkdtemp(path.join(tmpdir(), "frontdesk-kill9-"));
    const dataDir = path.join(root, "pglite");
    let db: EmbeddedDbChild = await startEmbeddedDbChild({ dataDir, port: 0, password: PASSWORD }, quiet);
    const writer = new pg.Client({ connectionString: url(db.port) });
    writer.on("error", () => undefined); // the server vanishes under it
    await writer.connect();
    await writer.query("CREATE TABLE written (batch int, n int, filler text)");

    // Batches of 20 rows in a transaction each; a batch counts as committed once COMMIT returned.
    const committed: number[] = [];
    const crashed = db.crashed;
    let inFlight: Promise<unknown> | undefined;
    for (let batch = 0; ; batch++) {
      const work = (async () => {
        await writer.query("BEGIN");
        await writer.query(
          "INSERT INTO written SELECT $1, g, repeat('x', 500) FROM generate_series(1, 20) g",
          [batch],
        );
        await writer.query("COMMIT");
      })();
      if (committed.length === 40) {
        // Mid-write: this batch's statements are on the wire or running when the process dies.
        process.kill(db.pid, "SIGKILL");
        inFlight = work.catch(() => undefined);
        break;
      }
      await work;
      committed.push(batch);
    }
    const exit = await crashed;
    expect(exit.signal).toBe("SIGKILL");
    await inFlight;
    await writer.end().catch(() => undefined);

    // Same directory, no cleanup: the dead process's lock must be taken over.
    expect(existsSync(`${dataDir}.lock`)).toBe(true);
    db = await startEmbeddedDbChild({ dataDir, port: 0, password: PASSWORD }, quiet);
    try {
      const reader = new pg.Client({ connectionString: url(db.port) });
      await reader.connect();
      const { rows } = await reader.query<{ batch: number; rows: number }>(
        "SELECT batch, count(*)::int AS rows FROM written GROUP BY batch ORDER BY batch",
      );
      await reader.end();
      const present = new Map(rows.map((r) => [r.batch, r.rows]));
      console.log(`kill -9 recovery: ${committed.length * 20} rows committed before the kill, ${[...present.values()].reduce((a, b) => a + b, 0)} present after restart`);
      for (const batch of committed) expect(present.get(batch), `batch ${batch}`).toBe(20);
      // Nothing half-applied: the in-flight batch is there whole or not at all.
      for (const [batch, n] of present) expect([batch, n]).toEqual([batch, 20]);
      expect([...present.keys()].filter((b) => !committed.includes(b)).length).toBeLessThanOrEqual(1);
    } finally {
      await db.stop();
    }
  }, TIMEOUT);

  it("closes PGlite cleanly and exits when its launcher is killed", async () => {
    const dataDir = path.join(root ?? (root = await mkdtemp(path.join(tmpdir(), "frontdesk-kill9-"))), "orphan");
    const parent = spawn(process.execPath, ["--import", "tsx", path.join(import.meta.dirname, "embedded-db-orphan.fixture.ts"), dataDir, PASSWORD], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    const { pid, port } = await new Promise<{ pid: number; port: number }>((resolve, reject) => {
      parent.stdout!.setEncoding("utf8").on("data", (line: string) => resolve(JSON.parse(line)));
      parent.once("exit", (code) => reject(new Error(`fixture exited with ${code}`)));
    });
    const c = new pg.Client({ connectionString: url(port) });
    await c.connect();
    await c.query("CREATE TABLE kept AS SELECT 1 AS x");
    await c.end();
    expect(existsSync(`${dataDir}.lock`)).toBe(true);

    parent.kill("SIGKILL");
    while (alive(pid)) await new Promise((r) => setTimeout(r, 100));
    expect(existsSync(`${dataDir}.lock`)).toBe(false); // removed by db.stop(): a clean close
  }, TIMEOUT);
});
