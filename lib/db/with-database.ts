// For one-off database commands (db:migrate, db:reset, db:seed): the configured database's URL.
// With DATABASE_URL unset that is the embedded PGlite; if `npm run dev` is serving it we connect to
// that, otherwise we open .data/pglite ourselves for the duration of the command.
import { connect } from "node:net";
import path from "node:path";
import { getEnv } from "../env";
import { startEmbeddedDatabase } from "./embedded";

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
  const env = getEnv();
  if (!env.embeddedDatabase) return work(env.databaseUrl, "DATABASE_URL");
  if (await isListening(env.EMBEDDED_DB_PORT)) return work(env.databaseUrl, "the running embedded database");
  const db = await startEmbeddedDatabase({ dataDir: path.resolve(env.EMBEDDED_DB_DIR), port: env.EMBEDDED_DB_PORT });
  try {
    return await work(db.url, `the embedded database in ${env.EMBEDDED_DB_DIR}`);
  } finally {
    await db.stop();
  }
}
