// `npm run db:generate`: generate the Prisma client into lib/db/generated, skipping the ~seconds of
// `prisma generate` when schema.prisma (and the Prisma version) are unchanged since the last run.
// Other scripts call generateClient() first, so this must be close to free when nothing changed.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync, realpathSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const SCHEMA_PATH = "prisma/schema.prisma";
const OUTPUT_DIR = "lib/db/generated";
// Inside the output directory so that deleting the generated client also invalidates the stamp.
const STAMP_PATH = path.join(OUTPUT_DIR, ".schema-hash");

function prismaCli(): { bin: string; version: string } {
  const require = createRequire(import.meta.url);
  const pkgPath = require.resolve("prisma/package.json");
  const pkg = JSON.parse(readFileSync(pkgPath, "utf8")) as { version: string; bin: { prisma: string } };
  return { bin: path.join(path.dirname(pkgPath), pkg.bin.prisma), version: pkg.version };
}

/** Generates the client unless the stamp says it is current. Returns whether it ran the generator. */
export function generateClient(opts: { force?: boolean } = {}): boolean {
  const cli = prismaCli();
  const hash = createHash("sha256").update(`prisma@${cli.version}\n`).update(readFileSync(SCHEMA_PATH)).digest("hex");
  const current =
    existsSync(path.join(OUTPUT_DIR, "client.ts")) && existsSync(STAMP_PATH) && readFileSync(STAMP_PATH, "utf8").trim() === hash;
  if (current && !opts.force) return false;

  const started = Date.now();
  const result = spawnSync(process.execPath, [cli.bin, "generate", "--schema", SCHEMA_PATH], {
    env: {
      ...process.env,
      // Any executable will do: the generator needs no schema engine, but the CLI otherwise tries
      // to download one (no internet here) before doing anything.
      PRISMA_SCHEMA_ENGINE_BINARY: "/bin/false",
      CHECKPOINT_DISABLE: "1",
      PRISMA_HIDE_UPDATE_MESSAGE: "1",
    },
    encoding: "utf8",
  });
  if (result.status !== 0) {
    process.stderr.write(result.stdout ?? "");
    process.stderr.write(result.stderr ?? "");
    throw new Error(`prisma generate failed (exit ${result.status ?? result.signal})`);
  }
  if (process.env.DEBUG) process.stderr.write(result.stdout + result.stderr);
  writeFileSync(STAMP_PATH, hash + "\n");
  console.log(`Generated Prisma client in ${OUTPUT_DIR} (${Date.now() - started} ms)`);
  return true;
}

function isMainModule(): boolean {
  const entry = process.argv[1];
  if (!entry) return false;
  try {
    return realpathSync(entry) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isMainModule()) {
  try {
    const ran = generateClient({ force: process.argv.includes("--force") });
    if (!ran) console.log(`Prisma client is up to date (${SCHEMA_PATH} unchanged)`);
  } catch (err) {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  }
}
