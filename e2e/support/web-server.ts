// Playwright's webServer command: a fresh embedded database with the demo data (`npm start` never
// seeds, so this does it explicitly, as `npm run db:reset` would), a production build when the sources
// changed since the last one, then `npm start`'s launcher (app + voice server + worker) on the e2e
// ports. Stays in the foreground until Playwright stops it (SIGTERM), and stops the launcher with it.
//
//   E2E_BUILD=always  build every time      E2E_BUILD=never  use .next as it is (fails if missing)
import { spawn } from "node:child_process";
import { existsSync, readdirSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import { E2E, ROOT, serverEnv } from "./env";

const say = (text: string) => console.log(`[e2e] ${text}`);

// What a production build is made from. Tests (*.test.ts) are left out: they change nothing in .next.
const INPUT_DIRS = ["app", "components", "lib", "public"];
const INPUT_FILES = ["next.config.ts", "package.json", "package-lock.json", "tsconfig.json", ".postcssrc.json", "prisma/schema.prisma"];
const IGNORED = /(^|\/)(node_modules|\.next)(\/|$)|\.test\.tsx?$/;

function newestInput(): { file: string; mtimeMs: number } {
  let newest = { file: "", mtimeMs: 0 };
  const visit = (rel: string) => {
    if (IGNORED.test(rel)) return;
    const abs = path.join(ROOT, rel);
    let stat;
    try {
      stat = statSync(abs);
    } catch {
      return; // deleted while we looked, or an optional file
    }
    if (stat.isDirectory()) {
      for (const name of readdirSync(abs)) visit(path.posix.join(rel, name));
    } else if (stat.mtimeMs > newest.mtimeMs) {
      newest = { file: rel, mtimeMs: stat.mtimeMs };
    }
  };
  for (const entry of [...INPUT_DIRS, ...INPUT_FILES]) visit(entry);
  return newest;
}

/** Why a build is needed, or null when .next/BUILD_ID is newer than every input. */
function buildReason(): string | null {
  const mode = process.env.E2E_BUILD ?? "auto";
  if (mode === "always") return "E2E_BUILD=always";
  const buildId = path.join(ROOT, ".next", "BUILD_ID");
  if (!existsSync(buildId)) return mode === "never" ? null : "no production build in .next/";
  if (mode === "never") return null;
  const built = statSync(buildId).mtimeMs;
  const newest = newestInput();
  return newest.mtimeMs > built ? `${newest.file} changed after the last build` : null;
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: ROOT, stdio: "inherit", env });
    child.on("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

async function main() {
  const started = performance.now();
  const dataDir = path.resolve(ROOT, E2E.dbDir);
  rmSync(dataDir, { recursive: true, force: true });
  say(`removed ${path.relative(ROOT, dataDir)} (fresh embedded database)`);
  // Stored files belong to that database's rows: they go with it.
  rmSync(path.resolve(ROOT, E2E.storageDir), { recursive: true, force: true });

  const reason = buildReason();
  if (reason) {
    say(`building: ${reason}`);
    const t = performance.now();
    // The build itself runs without the e2e variables: it must not depend on them.
    const code = await run("npm", ["run", "build"], { ...process.env, NEXT_TELEMETRY_DISABLED: "1" });
    if (code !== 0) {
      say(`npm run build failed (exit ${code})`);
      process.exit(code);
    }
    say(`build took ${((performance.now() - t) / 1000).toFixed(1)} s`);
  } else {
    say("skipping the build: .next/BUILD_ID is newer than every source file (E2E_BUILD=always forces one)");
  }

  // Migrate and seed the fresh database (one opening of it; the launcher then finds nothing pending).
  // --force: reset.ts refuses NODE_ENV=production otherwise, and this database is a throwaway.
  const seedStarted = performance.now();
  const seedCode = await run(process.execPath, ["--import", "tsx", "prisma/scripts/reset.ts", "--force"], { ...process.env, ...serverEnv() });
  if (seedCode !== 0) {
    say(`seeding the e2e database failed (exit ${seedCode})`);
    process.exit(seedCode);
  }
  say(`seeded the demo data in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s`);

  // `npm start` is `tsx server/launcher/start.ts`; run it without npm in between so signals reach it.
  const launcher = spawn(process.execPath, ["--import", "tsx", "server/launcher/start.ts"], {
    cwd: ROOT,
    stdio: "inherit",
    env: { ...process.env, ...serverEnv() },
  });
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    process.on(signal, () => {
      if (launcher.exitCode === null) launcher.kill(signal);
    });
  }
  say(`launcher started ${((performance.now() - started) / 1000).toFixed(1)} s after this script`);
  launcher.on("exit", (code, signal) => {
    say(`launcher exited (${signal ?? `code ${code}`})`);
    process.exit(code ?? 0);
  });
}

await main();
