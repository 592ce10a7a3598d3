import { mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ensureEmbeddedDbPassword, resolveEmbeddedDbPassword } from "./embedded-password";

describe("the embedded database password file", () => {
  let dir: string | undefined;
  afterAll(() => (dir ? rm(dir, { recursive: true, force: true }) : undefined));

  it("is made once, readable by its owner only, and kept; EMBEDDED_DB_PASSWORD wins over it", async () => {
    dir = await mkdtemp(path.join(tmpdir(), "frontdesk-dbpw-"));
    const file = path.join(dir, ".data", "embedded-db-password");
    const first = await ensureEmbeddedDbPassword(file);
    expect(first.created).toBe(true);
    expect(first.password.length).toBeGreaterThanOrEqual(32);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(await ensureEmbeddedDbPassword(file)).toEqual({ password: first.password, created: false });
    expect(await resolveEmbeddedDbPassword(undefined, file)).toBe(first.password);
    expect(await resolveEmbeddedDbPassword("from-env", file)).toBe("from-env");
    expect((await readFile(file, "utf8")).trim()).toBe(first.password);
  });

  it("refuses a file too short to be a password rather than overwrite it", async () => {
    const file = path.join(dir!, "short");
    await writeFile(file, "abc\n");
    await expect(ensureEmbeddedDbPassword(file)).rejects.toThrow(/does not hold a usable password/);
  });
});
