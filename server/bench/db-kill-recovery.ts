// npm run bench:db-kill -- [rounds] — kill -9 of the embedded database
// process while 4 clients write, then a restart on the same directory: rows whose COMMIT returned
// before the kill vs rows present after. Prints figures; asserts nothing (the test asserts).
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { embeddedDatabaseUrl } from "../../lib/env";
import { startEmbeddedDbChild } from "../launcher/embedded-db-child";

const rounds = Number(process.argv[2] ?? 3);
const password = "kill-probe-password";
const quiet = { log: () => undefined };
const root = await mkdtemp(path.join(tmpdir(), "frontdesk-kill-probe-"));
const dataDir = path.join(root, "pglite");
const url = (port: number) => embeddedDatabaseUrl(port, password);

let totalCommitted = 0;
let totalLost = 0;
for (let round = 1; round <= rounds; round++) {
  const db = await startEmbeddedDbChild({ dataDir, port: 0, password }, quiet);
  const setup = new pg.Client({ connectionString: url(db.port) });
  await setup.connect();
  await setup.query("CREATE TABLE IF NOT EXISTS w (round int, writer int, seq int, PRIMARY KEY (round, writer, seq))");
  await setup.end();
  const committed: string[] = [];
  let dead = false;
  const writers = [0, 1, 2, 3].map(async (writer) => {
    const c = new pg.Client({ connectionString: url(db.port) });
    c.on("error", () => undefined);
    await c.connect();
    for (let seq = 0; !dead; seq++) {
      try {
        await c.query("INSERT INTO w VALUES ($1, $2, $3)", [round, writer, seq]);
        committed.push(`${writer}:${seq}`);
      } catch {
        break;
      }
    }
  });
  await new Promise((r) => setTimeout(r, 1000 + Math.random() * 2000));
  process.kill(db.pid, "SIGKILL");
  dead = true;
  await db.crashed;
  await Promise.all(writers);

  const again = await startEmbeddedDbChild({ dataDir, port: 0, password }, quiet); // stale lock: no manual step
  const reader = new pg.Client({ connectionString: url(again.port) });
  await reader.connect();
  const { rows } = await reader.query<{ writer: number; seq: number }>("SELECT writer, seq FROM w WHERE round = $1", [round]);
  await reader.end();
  await again.stop();
  const present = new Set(rows.map((r) => `${r.writer}:${r.seq}`));
  const lost = committed.filter((k) => !present.has(k)).length;
  totalCommitted += committed.length;
  totalLost += lost;
  console.log(`round ${round}: ${committed.length} rows committed before kill -9, ${present.size} present after restart, ${lost} lost`);
}
console.log(`total: ${totalCommitted} committed, ${totalLost} lost`);
await rm(root, { recursive: true, force: true });
