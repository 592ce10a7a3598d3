// `npm run db:generate`: generate the Prisma client into lib/db/generated. The generated client is
// committed (a fresh checkout starts without the ~3-15 s of `prisma generate`), with a stamp of what it
// was generated from: sha256 of the Prisma version and schema.prisma. When the stamp does not match,
// the client is regenerated (a schema edit, a Prisma upgrade); prisma/scripts/generate.test.ts fails
// when the committed client is stale. Other scripts call generateClient() first: near-free when current.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync, realpathSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const SCHEMA_PATH = "prisma/schema.prisma";
export const OUTPUT_DIR = "lib/db/generated";
// Inside the output directory so that deleting the generated client also invalidates the stamp.
export const STAMP_PATH = path.join(OUTPUT_DIR, ".schema-hash");

function prismaCli(): { bin: string; version: string } {
  const require = createRequire(import.meta.url);
  const pkgPath = require.resolve("prisma/package.json");
  const pkg = JSON.parse(readFileSync(pkgPath, "utf8")) as { version: string; bin: { prisma: string } };
  return { bin: path.join(path.dirname(pkgPath), pkg.bin.prisma), version: pkg.version };
}

/** What the stamp must say for the client in OUTPUT_DIR to be current. Paths relative to `root`. */
export function expectedStamp(root = "."): string {
  const schema = readFileSync(path.join(root, SCHEMA_PATH));
  return createHash("sha256").update(`prisma@${prismaCli().version}\n`).update(schema).digest("hex");
}

export function clientIsCurrent(root = "."): boolean {
  const stamp = path.join(root, STAMP_PATH);
  return existsSync(path.join(root, OUTPUT_DIR, "client.ts")) && existsSync(stamp) && readFileSync(stamp, "utf8").trim() === expectedStamp(root);
}

/** `prisma generate` for one schema file (its generator's `output` decides where the client goes). */
export function runPrismaGenerate(schemaPath: string): void {
  const result = spawnSync(process.execPath, [prismaCli().bin, "generate", "--schema", schemaPath], {
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
}

/** Generates the client unless the stamp says it is current. Returns whether it ran the generator. */
export function generateClient(opts: { force?: boolean } = {}): boolean {
  if (!opts.force && clientIsCurrent()) return false;
  const started = Date.now();
  const stamp = expectedStamp();
  runPrismaGenerate(SCHEMA_PATH);
  writeFileSync(STAMP_PATH, stamp + "\n");
  console.log(`Generated Prisma client in ${OUTPUT_DIR} (${Date.now() - started} ms); commit it with the schema change`);
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
