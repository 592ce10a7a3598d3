// For one-off database commands (db:migrate, db:reset, db:seed): the configured database's URL.
// With DATABASE_URL unset that is the embedded PGlite; if `npm run dev` is serving it we connect to
// that, otherwise we open .data/pglite ourselves for the duration of the command. Either way with the
// password the launcher uses (EMBEDDED_DB_PASSWORD, else .data/embedded-db-password).
import { connect } from "node:net";
import path from "node:path";
import { getEnv } from "../env";
import { startEmbeddedDatabase } from "./embedded";
import { withEmbeddedDbPassword } from "./embedded-password";

function isListening(port: number, host = "127.0.0.1"): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ port, host });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

export async function withDatabase<T>(work: (url: string, how: string) => Promise<T>): Promise<T> {
  const env = await withEmbeddedDbPassword(getEnv(), process.cwd());
  if (!env.embeddedDatabase) return work(env.databaseUrl, "DATABASE_URL");
  if (await isListening(env.EMBEDDED_DB_PORT)) return work(env.databaseUrl, "the running embedded database");
  const db = await startEmbeddedDatabase({
    dataDir: path.resolve(env.EMBEDDED_DB_DIR),
    port: env.EMBEDDED_DB_PORT,
    password: env.EMBEDDED_DB_PASSWORD!,
    idleInTransactionTimeoutMs: env.EMBEDDED_DB_IDLE_TX_TIMEOUT_MS,
  });
  try {
    return await work(db.url, `the embedded database in ${env.EMBEDDED_DB_DIR}`);
  } finally {
    await db.stop();
  }
}
