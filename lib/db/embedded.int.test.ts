// The embedded database on disk: PGlite takes no lock of its own, so startEmbeddedDatabase must refuse
// a directory another live process serves, recover from a lock left by a dead one, and keep data.
import { spawnSync } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { EmbeddedDatabaseError, startEmbeddedDatabase } from "./embedded";

const TIMEOUT = 240_000; // two PGlite start-ups, one with initdb; slow on a busy machine

async function sql(url: string, text: string) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query(text)).rows;
  } finally {
    await c.end();
  }
}

describe("startEmbeddedDatabase on a data directory", () => {
  let root: string | undefined;
  afterAll(() => (root ? rm(root, { recursive: true, force: true }) : undefined));

  it("refuses a directory in use, takes over a stale lock, and persists data", async () => {
    root = await mkdtemp(path.join(tmpdir(), "frontdesk-embedded-"));
    const dataDir = path.join(root, "nested", "pglite"); // parents are created

    const first = await startEmbeddedDatabase({ dataDir, port: 0 });
    try {
      await sql(first.url, "CREATE TABLE kept (x int); INSERT INTO kept VALUES (42)");
      const busy = await startEmbeddedDatabase({ dataDir, port: 0 }).catch((e: unknown) => e);
      expect(busy).toBeInstanceOf(EmbeddedDatabaseError);
      expect((busy as Error).message).toMatch(new RegExp(`is in use by process ${process.pid}`));
    } finally {
      await first.stop();
    }

    // A lock whose owner has exited (a killed launcher) must not block the next start.
    const dead = spawnSync(process.execPath, ["-e", "0"]).pid;
    await writeFile(`${dataDir}.lock`, JSON.stringify({ pid: dead, port: 1 }));
    const second = await startEmbeddedDatabase({ dataDir, port: 0 });
    try {
      expect(await sql(second.url, "SELECT x FROM kept")).toEqual([{ x: 42 }]);
      expect(await sql(second.url, "SELECT name FROM pg_available_extensions WHERE name = 'vector'")).toEqual([{ name: "vector" }]);
    } finally {
      await second.stop();
    }
  }, TIMEOUT);
});
