// npm run bench:db-idle-tx -- [limitMs] — how long other connections wait while one
// connection sits idle inside a transaction on the embedded database. Prints figures, asserts nothing.
// Connection A: BEGIN; SELECT 1; then nothing. Connection B: SELECT 1, given up after PROBE_DEADLINE_MS.
import pg from "pg";
import { startEmbeddedDatabase } from "../../lib/db/embedded";

const limitMs = process.argv[2] ? Number(process.argv[2]) : undefined; // undefined: the default limit
const deadlineMs = Number(process.env.PROBE_DEADLINE_MS ?? 30_000);

const db = await startEmbeddedDatabase({ dataDir: "memory://", port: 0, idleInTransactionTimeoutMs: limitMs });
const idle = new pg.Client({ connectionString: db.url });
let idleError = "";
idle.on("error", (err: Error & { code?: string }) => (idleError ||= `${err.code ?? ""} ${err.message}`.trim()));
const other = new pg.Client({ connectionString: db.url });
await Promise.all([idle.connect(), other.connect()]);

await idle.query("BEGIN");
await idle.query("SELECT 1");
const started = performance.now();
const outcome = await Promise.race([
  other.query("SELECT 1").then(() => "answered"),
  new Promise<string>((r) => setTimeout(() => r(`still waiting, gave up`), deadlineMs)),
]);
const waited = ((performance.now() - started) / 1000).toFixed(2);
console.log(`idle-in-transaction limit: ${limitMs ?? "default"} ms`);
console.log(`other connection: ${outcome} after ${waited} s`);
console.log(`idle connection was told: ${idleError || "(nothing)"}`);
process.exit(0);
