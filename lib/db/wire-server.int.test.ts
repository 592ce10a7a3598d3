// The embedded database's server, as clients meet it: a password is required before PGlite sees a
// byte, and a connection that idles inside a transaction (blocking every other one, since there is
// one backend) is rolled back and closed with PostgreSQL's own error, while a slow statement is not.
import { connect } from "node:net";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmbeddedDatabase, type EmbeddedDatabase } from "./embedded";

const LIMIT_MS = 300;
let db: EmbeddedDatabase;

beforeAll(async () => {
  db = await startEmbeddedDatabase({ dataDir: "memory://", port: 0, password: "right-password", idleInTransactionTimeoutMs: LIMIT_MS });
  await query(db.url, "CREATE TABLE t (x int)");
});
afterAll(() => db?.stop());

async function client(url: string): Promise<pg.Client> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  return c;
}

async function query(url: string, text: string) {
  const c = await client(url);
  try {
    return (await c.query(text)).rows;
  } finally {
    await c.end();
  }
}

/** Raw bytes in, everything the server sends until it closes the socket out. */
function rawExchange(port: number, bytes: Buffer[]): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const socket = connect({ port, host: "127.0.0.1" });
    const chunks: Buffer[] = [];
    socket.on("data", (c: Buffer) => chunks.push(c));
    socket.on("error", reject);
    socket.on("close", () => resolve(Buffer.concat(chunks)));
    socket.on("connect", () => bytes.forEach((b) => socket.write(b)));
  });
}

function startupPacket(): Buffer {
  const params = Buffer.from("user\0postgres\0database\0postgres\0\0");
  const head = Buffer.alloc(8);
  head.writeInt32BE(8 + params.length, 0);
  head.writeInt32BE(196608, 4);
  return Buffer.concat([head, params]);
}

function simpleQuery(sql: string): Buffer {
  const body = Buffer.from(`${sql}\0`);
  const head = Buffer.alloc(5);
  head.write("Q");
  head.writeInt32BE(body.length + 4, 1);
  return Buffer.concat([head, body]);
}

describe("password", () => {
  it("lets the right password in and turns a wrong one away with 28P01", async () => {
    expect(await query(db.url, "SELECT 1 AS ok")).toEqual([{ ok: 1 }]);
    const wrong = db.url.replace("right-password", "wrong-password");
    const err = (await client(wrong).catch((e: unknown) => e)) as { code?: string; severity?: string };
    expect(err).toMatchObject({ code: "28P01", severity: "FATAL" });
  });

  it("runs nothing for a client that skips authentication", async () => {
    // Startup, then straight to a query: the server must ask for SASL, refuse the query and close.
    const reply = await rawExchange(db.port, [startupPacket(), simpleQuery("INSERT INTO t VALUES (666)")]);
    expect(reply[0]).toBe("R".charCodeAt(0)); // AuthenticationSASL
    expect(reply.toString("latin1")).toContain("SCRAM-SHA-256");
    expect(reply.toString("latin1")).toMatch(/E[\s\S]*SFATAL/);
    expect(await query(db.url, "SELECT count(*)::int AS n FROM t WHERE x = 666")).toEqual([{ n: 0 }]);
  });
});

describe("idle in transaction", () => {
  it("rolls back and closes a connection idling in a transaction, so others proceed", async () => {
    const idle = await client(db.url);
    const told = new Promise<{ code?: string; severity?: string; message: string }>((resolve) => idle.on("error", resolve));
    await idle.query("BEGIN");
    await idle.query("INSERT INTO t VALUES (1)");
    // Without the limit this waits forever: the idle connection owns the only backend.
    const other = await client(db.url);
    try {
      expect(await other.query("SELECT count(*)::int AS n FROM t WHERE x = 1").then((r) => r.rows)).toEqual([{ n: 0 }]);
      expect(await told).toMatchObject({ code: "25P03", severity: "FATAL", message: expect.stringMatching(/idle-in-transaction timeout/) });
      await expect(idle.query("COMMIT")).rejects.toThrow();
    } finally {
      await other.end();
      await idle.end().catch(() => undefined);
    }
  });

  it("does not count a long-running statement as idle", async () => {
    const busy = await client(db.url);
    try {
      await busy.query("BEGIN");
      await busy.query("INSERT INTO t VALUES (2)");
      await busy.query(`SELECT pg_sleep(${(LIMIT_MS * 3) / 1000})`);
      await busy.query("COMMIT");
      expect(await query(db.url, "SELECT count(*)::int AS n FROM t WHERE x = 2")).toEqual([{ n: 1 }]);
    } finally {
      await busy.end();
    }
  });
});
