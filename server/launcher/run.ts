// `npm run dev` / `npm run start`: everything Frontdesk needs on one machine, in one terminal.
// Prepare (auth secret, Prisma client and database side by side, migrations, seed), start the app
// as early as it can boot, then the voice server and the worker; wait for all three health
// endpoints and print the banner.
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseEnv, requireAuthSecret, requireTwilioAuthToken, type Env } from "../../lib/env";
import { ensureLocalTwilioAuthToken, LOCAL_TWILIO_AUTH_TOKEN_FILE } from "../../lib/providers/twilio/auth-token";
import { ensureAuthSecret } from "./auth-secret";
import { formatBanner, maskUrl } from "./banner";
import { withEmbeddedDbPassword } from "../../lib/db/embedded-password";
import { migrate, seedIfEmpty, startDatabase, type LauncherDatabase } from "./database";
import { loadDotenvFiles } from "./dotenv";
import { generatePrismaClient } from "./prisma-client";
import { assertPortsFree } from "./ports";
import { describeExit, Supervisor, type ProcessSpec } from "./supervisor";

export type LaunchMode = "dev" | "start";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const READY_TIMEOUT_MS = 120_000;

export async function runLauncher(mode: LaunchMode): Promise<void> {
  const started = performance.now();
  const nodeEnv = mode === "dev" ? "development" : "production";
  process.chdir(ROOT); // migrations, the Prisma generator and Next all resolve paths from here
  loadDotenvFiles(ROOT, nodeEnv);

  // In dev, `tsx watch` keeps running after the voice server or worker crashes (it restarts them on
  // the next save), so no exit tells us; their fatal log line does.
  const pretty = mode === "dev" ? await prettyJsonLogs() : undefined;
  let onFatal: (name: string, message: string) => void = () => {};
  const fatal = new Promise<never>((_, reject) => {
    onFatal = (name, message) => reject(new Error(`${name} crashed during startup: ${message}`));
  });
  fatal.catch(() => undefined);
  let ready = false;
  const sup = new Supervisor({
    names: ["app", "voice", "worker"],
    formatLine: (line, name) => {
      const crash = name !== "app" ? fatalMessage(line) : undefined;
      if (crash !== undefined) {
        onFatal(name, crash);
        if (ready && mode === "dev") setImmediate(() => fail(`${name} crashed; tsx watch restarts it when you save a file`));
      }
      return pretty ? pretty(line, name) : line;
    },
  });
  const say = (text: string) => sup.print(`${sup.paint("gray", "frontdesk")} ${text}`);
  const fail = (text: string) => sup.print(sup.paint("red", `✖ ${text}`));

  let database: LauncherDatabase | undefined;
  let databaseStarting: Promise<unknown> | undefined;
  let stopping: Promise<void> | undefined;
  let firstSignalAt = 0;
  const stop = (exitCode: number, reason?: string) => {
    stopping ??= (async () => {
      if (reason) say(reason);
      await sup.stopAll();
      // Never abandon a database that is still initialising its files: let it finish, then stop it.
      await databaseStarting?.catch(() => undefined);
      if (database) await database.stop().catch((err: unknown) => fail(`stopping the database: ${(err as Error).message}`));
      say(exitCode === 0 ? "stopped" : "stopped after a failure");
      process.exit(exitCode);
    })();
    return stopping;
  };
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    process.on(signal, () => {
      // npm relays the terminal's SIGINT too, so a second one within a second is the same Ctrl-C.
      if (firstSignalAt && Date.now() - firstSignalAt > 1000) {
        fail("forced stop");
        sup.killAll();
        process.exit(130);
      }
      firstSignalAt ||= Date.now();
      void stop(0, `${signal}: stopping (Ctrl-C again to force)`);
    });
  }
  sup.crashed.then((exit) => void stop(1, `stopping everything because ${describeExit(exit)}`));

  const step = async <T>(label: string, work: () => Promise<T> | T): Promise<T> => {
    const t = performance.now();
    const result = await work();
    say(`${sup.paint("green", "✓")} ${label} ${sup.paint("gray", `(${((performance.now() - t) / 1000).toFixed(1)} s)`)}`);
    return result;
  };

  try {
    if (mode === "start" && !existsSync(path.join(ROOT, ".next", "BUILD_ID"))) {
      throw new Error('No production build in .next/. Run "npm run build" first.');
    }
    const secret = await step("auth secret", () => resolveAuthSecret(mode));
    const twilioAuthToken = await step("twilio auth token", () => resolveTwilioAuthToken(mode));
    const env = await withEmbeddedDbPassword(parseEnv({ ...process.env, NODE_ENV: nodeEnv, AUTH_SECRET: secret }), ROOT);

    await step("ports free", () =>
      assertPortsFree([
        { port: env.PORT, variable: "PORT", purpose: "web app" },
        { port: env.VOICE_PORT, variable: "VOICE_PORT", purpose: "voice server" },
        { port: env.WORKER_PORT, variable: "WORKER_PORT", purpose: "worker health endpoint" },
        ...(env.embeddedDatabase ? [{ port: env.EMBEDDED_DB_PORT, variable: "EMBEDDED_DB_PORT", purpose: "embedded database", host: "127.0.0.1" }] : []),
      ]),
    );
    // Both can take seconds on a fresh checkout, and neither needs the other: run them side by side.
    const databaseReady = step(env.embeddedDatabase ? `embedded database on 127.0.0.1:${env.EMBEDDED_DB_PORT}` : "database", () =>
      startDatabase(env, ROOT, { log: (line) => sup.print(`${sup.paint("blue", "database │")} ${line}`) }),
    ).then((started) => {
      // Its own process (so a forced stop of ours cannot cut it off mid-write): report it by name if it dies.
      started.crashed.then((exit) => void stop(1, `stopping everything because ${describeExit(exit)}`));
      return (database = started);
    });
    databaseStarting = databaseReady;
    databaseReady.catch(() => undefined); // awaited below; a failure is reported there
    await step("prisma client", () => generatePrismaClient({ tsxCli: tsxCliPath(), cwd: ROOT }));
    const childEnv: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: nodeEnv,
      AUTH_SECRET: secret,
      NEXTAUTH_SECRET: secret,
      TWILIO_AUTH_TOKEN: twilioAuthToken,
      NEXTAUTH_URL: env.APP_URL,
      NEXT_TELEMETRY_DISABLED: "1", // no network here or on CI; don't try to report
      ...(env.embeddedDatabase ? { EMBEDDED_DB_PORT: String(env.EMBEDDED_DB_PORT), EMBEDDED_DB_PASSWORD: env.EMBEDDED_DB_PASSWORD } : {}),
      // Children write to a pipe, not the terminal; tell them colour is still welcome.
      ...(sup.colorsEnabled ? { FORCE_COLOR: "1" } : {}),
    };
    const [app, voice, worker] = processSpecs(mode, env, childEnv);
    // The app needs no database to boot, and booting takes seconds: overlap it with the database work.
    sup.start(app!);

    const db = await databaseReady;
    const applied = await step("migrations", () => migrate(db.url, (line) => say(sup.paint("gray", `  ${line}`))));
    // Demo data has published passwords: `npm run dev` seeds an empty database, `npm start` never does
    // (`npm run db:seed` does it on purpose).
    const { seeded, logins } = await step("seed", () => seedIfEmpty(db.url, mode === "dev"));
    sup.start(voice!);
    sup.start(worker!);

    const local = {
      app: `http://localhost:${env.PORT}`,
      voice: `ws://localhost:${env.VOICE_PORT}`,
    };
    const targets = [
      { name: "app", url: `http://localhost:${env.PORT}/api/health` },
      { name: "voice", url: `http://localhost:${env.VOICE_PORT}/health` },
      { name: "worker", url: `http://${probeHost(env.WORKER_HOST)}:${env.WORKER_PORT}/health` },
    ];
    const health = await Promise.race([fatal, sup.waitForHttp(targets, { timeoutMs: READY_TIMEOUT_MS, settleMs: 10_000 })]);
    if (stopping) return;
    ready = true;
    sup.print(
      formatBanner({
        mode: nodeEnv,
        seconds: (performance.now() - started) / 1000,
        appUrl: local.app,
        publicAppUrl: env.APP_URL.replace(/\/$/, ""),
        voiceUrl: local.voice,
        publicVoiceUrl: env.VOICE_PUBLIC_URL.replace(/\/$/, ""),
        health,
        database: describeDatabase(env, db, applied),
        queue: env.REDIS_URL
          ? { embedded: false, description: `Redis ${maskUrl(env.REDIS_URL)} (BullMQ, pub/sub)` }
          : { embedded: true, description: "jobs in the database, events in-process (set REDIS_URL to use Redis)" },
        logins,
        seeded,
        paint: (color, text) => sup.paint(color, text),
      }),
    );
  } catch (err) {
    if (stopping) return;
    fail((err instanceof Error ? err.message : String(err)).trim());
    await stop(1);
  }
}

/**
 * AUTH_SECRET or NEXTAUTH_SECRET from the environment; in dev only, else the one kept in
 * .data/auth-secret. `npm start` has no fallback: a missing secret stops it here, naming the variable.
 */
async function resolveAuthSecret(mode: LaunchMode): Promise<string> {
  const env = parseEnv(process.env);
  if (env.AUTH_SECRET || mode === "start") return requireAuthSecret(env);
  return (await ensureAuthSecret(path.join(ROOT, ".data", "auth-secret"))).secret;
}

// Like the auth secret: production must set it; a local run shares the one in .data/ with the simulator.
async function resolveTwilioAuthToken(mode: LaunchMode): Promise<string> {
  const env = parseEnv({ ...process.env, NODE_ENV: mode === "dev" ? "development" : "production" });
  const fromEnv = requireTwilioAuthToken(env);
  if (fromEnv) return fromEnv;
  return (await ensureLocalTwilioAuthToken(path.join(ROOT, LOCAL_TWILIO_AUTH_TOKEN_FILE))).token;
}

/** Where the launcher reaches a server bound to `host` (a wildcard address is reached on loopback). */
function probeHost(host: string): string {
  if (host === "0.0.0.0" || host === "::") return "127.0.0.1";
  return host.includes(":") ? `[${host}]` : host;
}

function processSpecs(mode: LaunchMode, env: Env, childEnv: NodeJS.ProcessEnv): ProcessSpec[] {
  const tsxCli = tsxCliPath();
  const node = process.execPath;
  const ts = (entry: string): string[] =>
    mode === "dev" ? [tsxCli, "watch", "--clear-screen=false", entry] : ["--import", "tsx", entry];
  return [
    {
      name: "app",
      color: "cyan",
      command: node,
      // Next.js behind our own HTTP server (it knows each client's address; `next dev`/`next start`
      // do not tell the app). Not under tsx watch: in dev, Next reloads the app's code itself.
      args: ["--import", "tsx", "server/app/main.ts"],
      cwd: ROOT,
      env: { ...childEnv, PORT: String(env.PORT) },
    },
    { name: "voice", color: "magenta", command: node, args: ts("server/voice/main.ts"), cwd: ROOT, env: childEnv },
    { name: "worker", color: "yellow", command: node, args: ts("server/worker/main.ts"), cwd: ROOT, env: childEnv },
  ];
}

function tsxCliPath(): string {
  return path.join(path.dirname(createRequire(import.meta.url).resolve("tsx/package.json")), "dist", "cli.mjs");
}

function describeDatabase(env: Env, db: LauncherDatabase, applied: string[]): { embedded: boolean; description: string } {
  const migrations = applied.length > 0 ? `, ${applied.length} migration(s) applied now` : "";
  if (db.embedded) {
    const dir = path.relative(ROOT, db.dataDir ?? env.EMBEDDED_DB_DIR) || ".";
    return { embedded: true, description: `embedded PGlite in ${dir}, served at ${maskUrl(db.url)}${migrations}` };
  }
  return { embedded: false, description: `PostgreSQL ${maskUrl(db.url)}${migrations}` };
}

/** The message of a pino `fatal` (level 60) JSON line, else undefined. */
function fatalMessage(line: string): string | undefined {
  if (!line.startsWith("{") || !line.includes('"level":60')) return undefined;
  try {
    const entry = JSON.parse(line) as { level?: unknown; msg?: unknown; err?: { message?: unknown } };
    if (entry.level !== 60) return undefined;
    return [entry.msg, entry.err?.message].filter((part) => typeof part === "string" && part).join(": ");
  } catch {
    return undefined;
  }
}

/** In dev, pino's JSON lines from the voice server and worker are made readable (pino-pretty is a dev dependency). */
async function prettyJsonLogs(): Promise<((line: string, name: string) => string) | undefined> {
  try {
    const { prettyFactory } = await import("pino-pretty");
    const colorize = Boolean(process.stdout.isTTY) && !process.env.NO_COLOR;
    const pretty = prettyFactory({
      colorize,
      translateTime: "SYS:HH:MM:ss",
      ignore: "pid,hostname,component",
      messageFormat: "{if component}[{component}] {end}{msg}",
      singleLine: true,
    });
    return (line, name) => {
      if (!line.startsWith("{")) return line;
      try {
        const parsed = JSON.parse(line) as { level?: unknown; time?: unknown; component?: unknown };
        if (typeof parsed.level !== "number" || parsed.time === undefined) return line;
        if (parsed.component === name) delete parsed.component; // the line prefix says it already
        return pretty(parsed).replace(/\n$/, "");
      } catch {
        return line;
      }
    };
  } catch {
    return undefined;
  }
}
