// The committed Prisma client (lib/db/generated) must be what `prisma generate` makes from the committed
// schema: its stamp must match, and regenerating into a temporary directory must give the same files.
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { expectedStamp, OUTPUT_DIR, runPrismaGenerate, SCHEMA_PATH, STAMP_PATH } from "./generate";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const STALE = "Run `npm run db:generate` and commit lib/db/generated together with prisma/schema.prisma.";

async function listFiles(dir: string, rel = ""): Promise<string[]> {
  const entries = await readdir(path.join(dir, rel), { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((e) => (e.isDirectory() ? listFiles(dir, path.join(rel, e.name)) : Promise.resolve([path.join(rel, e.name)]))),
  );
  return nested.flat().sort();
}

let tmp: string | undefined;
afterAll(async () => {
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

describe("the committed Prisma client", () => {
  it("is stamped with the hash of the current schema and Prisma version", async () => {
    const stamp = (await readFile(path.join(ROOT, STAMP_PATH), "utf8")).trim();
    expect(stamp, STALE).toBe(expectedStamp(ROOT));
  });

  it("is exactly what prisma generate makes from the schema", { timeout: 120_000 }, async () => {
    // The same relative layout in a temporary directory: the schema text (which the client embeds,
    // generator block included) stays byte-identical and its relative `output` lands in tmp.
    tmp = await mkdtemp(path.join(tmpdir(), "frontdesk-generate-"));
    await mkdir(path.join(tmp, path.dirname(SCHEMA_PATH)), { recursive: true });
    await copyFile(path.join(ROOT, SCHEMA_PATH), path.join(tmp, SCHEMA_PATH));
    runPrismaGenerate(path.join(tmp, SCHEMA_PATH));
    const out = path.join(tmp, OUTPUT_DIR);

    const committed = path.join(ROOT, OUTPUT_DIR);
    const files = (await listFiles(committed)).filter((f) => f !== path.basename(STAMP_PATH));
    expect(await listFiles(out), STALE).toEqual(files);
    for (const file of files) {
      const [want, got] = await Promise.all([readFile(path.join(out, file), "utf8"), readFile(path.join(committed, file), "utf8")]);
      expect(got === want, `${OUTPUT_DIR}/${file} differs from a fresh generate. ${STALE}`).toBe(true);
    }
  });
});
