// The launcher's side of the embedded database process (./embedded-db-process.ts): fork it in its
// own process group (a terminal's Ctrl-C reaches only the launcher), hand it its options over IPC
// (the password never goes on a command line), wait for "ready", report an exit nobody asked for,
// and stop it last. If the launcher itself dies, the IPC channel closes and the child closes PGlite.
import { fork } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { EmbeddedDatabaseOptions } from "../../lib/db/embedded";
import type { FromChild, ToChild } from "./embedded-db-process";
import type { ExitInfo } from "./supervisor";

const ENTRY = path.join(path.dirname(fileURLToPath(import.meta.url)), "embedded-db-process.ts");
const NAME = "database";

export class EmbeddedDbChildError extends Error {
  constructor(
    message: string,
    readonly code?: string,
  ) {
    super(message);
    this.name = "EmbeddedDbChildError";
  }
}

export interface EmbeddedDbChild {
  pid: number;
  port: number;
  /** Resolves when the process exits without having been asked to (a crash, a kill -9); else never. */
  crashed: Promise<ExitInfo>;
  /** Asks it to close PGlite and exit; SIGKILL only after `timeoutMs` (default 30 s). */
  stop(opts?: { timeoutMs?: number }): Promise<void>;
}

export async function startEmbeddedDbChild(
  options: EmbeddedDatabaseOptions,
  opts: { log?: (line: string) => void } = {},
): Promise<EmbeddedDbChild> {
  const log = opts.log ?? ((line: string) => process.stderr.write(`${NAME} │ ${line}\n`));
  const child = fork(ENTRY, [], {
    execArgv: ["--import", pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href],
    stdio: ["ignore", "pipe", "pipe", "ipc"],
    detached: true,
  });
  for (const stream of [child.stdout, child.stderr]) {
    let pending = "";
    stream?.setEncoding("utf8").on("data", (text: string) => {
      const lines = (pending + text).split(/\r?\n/);
      pending = lines.pop() ?? "";
      lines.forEach((line) => log(line));
    });
  }

  let stopRequested = false;
  const exited = new Promise<ExitInfo>((resolve) => {
    child.once("exit", (code, signal) => resolve({ name: NAME, code, signal }));
    child.once("error", (err) => resolve({ name: NAME, code: null, signal: null, error: err.message }));
  });
  const crashed = exited.then((exit) => (stopRequested ? new Promise<ExitInfo>(() => undefined) : exit));

  const port = await new Promise<number>((resolve, reject) => {
    child.on("message", (message: FromChild) => {
      if (message.type === "ready") resolve(message.port);
      else if (message.type === "failed") reject(new EmbeddedDbChildError(message.message, message.code));
    });
    void exited.then((exit) =>
      reject(new EmbeddedDbChildError(`the database process ${exit.error ?? `exited (${exit.signal ?? `code ${exit.code}`})`} before it was ready`)),
    );
    child.send({ type: "start", options } satisfies ToChild);
  });

  return {
    pid: child.pid!,
    port,
    crashed,
    async stop({ timeoutMs = 30_000 } = {}) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      stopRequested = true;
      if (child.connected) child.send({ type: "stop" } satisfies ToChild);
      else child.kill("SIGTERM");
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<"late">((r) => (timer = setTimeout(() => r("late"), timeoutMs)));
      if ((await Promise.race([exited, late])) === "late") {
        log(`did not close within ${timeoutMs} ms; killing it (committed data is on disk; the next start recovers)`);
        child.kill("SIGKILL");
        await exited;
      }
      clearTimeout(timer);
    },
  };
}
