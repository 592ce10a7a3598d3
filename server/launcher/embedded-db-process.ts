// The embedded database in a process of its own, forked by the launcher (./embedded-db-child.ts).
// Separate so that nothing that happens to the launcher can cut PGlite off mid-write: a forced
// second Ctrl-C or a crash of the launcher closes the IPC channel, and this process then closes
// PGlite cleanly and exits. It ignores SIGINT (the terminal's Ctrl-C is for the launcher, which stops
// the app, voice server and worker first and then tells this process to stop, last).
//
// IPC, parent → child: { type: "start", options } then { type: "stop" }.
//      child → parent: { type: "ready", port } | { type: "failed", message }.
import { startEmbeddedDatabase, type EmbeddedDatabase, type EmbeddedDatabaseOptions } from "../../lib/db/embedded";

export type ToChild = { type: "start"; options: EmbeddedDatabaseOptions } | { type: "stop" };
export type FromChild = { type: "ready"; port: number } | { type: "failed"; message: string; code?: string };

let database: EmbeddedDatabase | undefined;
let starting: Promise<unknown> | undefined;
let stopping = false;

function send(message: FromChild): void {
  if (process.connected) process.send!(message);
}

async function stopAndExit(reason: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  // A start in progress (initdb) is let finish, then closed: never abandon files half-written.
  await starting?.catch(() => undefined);
  try {
    await database?.stop();
  } catch (err) {
    console.error(`closing the embedded database (${reason}): ${(err as Error).message}`);
    process.exit(1);
  }
  process.exit(0);
}

process.on("SIGINT", () => undefined);
process.on("SIGTERM", () => void stopAndExit("SIGTERM"));
process.on("disconnect", () => void stopAndExit("the launcher went away"));

process.on("message", (message: ToChild) => {
  if (message.type === "stop") {
    void stopAndExit("asked to stop");
    return;
  }
  if (message.type !== "start" || starting) return;
  starting = startEmbeddedDatabase(message.options).then(
    (db) => {
      database = db;
      send({ type: "ready", port: db.port });
    },
    (err: unknown) => {
      stopping = true; // nothing to close
      const cause = (err as { cause?: NodeJS.ErrnoException }).cause;
      const failed: FromChild = { type: "failed", message: err instanceof Error ? err.message : String(err), code: cause?.code };
      if (process.connected) process.send!(failed, undefined, {}, () => process.exit(1));
      else process.exit(1);
    },
  );
});

if (!process.send) {
  console.error("embedded-db-process.ts is started by the launcher (npm run dev), with an IPC channel");
  process.exit(2);
}
