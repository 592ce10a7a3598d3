import { mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ensureAuthSecret } from "./auth-secret";

let dir: string;
beforeEach(async () => (dir = await mkdtemp(path.join(tmpdir(), "frontdesk-secret-"))));
afterEach(async () => rm(dir, { recursive: true, force: true }));

describe("ensureAuthSecret", () => {
  it("creates a random secret once (owner-only file) and returns the same one afterwards", async () => {
    const file = path.join(dir, "nested", "auth-secret");
    const first = await ensureAuthSecret(file);
    expect(first.created).toBe(true);
    expect(first.secret.length).toBeGreaterThanOrEqual(32);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const again = await ensureAuthSecret(file);
    expect(again).toEqual({ secret: first.secret, created: false });
    expect((await readFile(file, "utf8")).trim()).toBe(first.secret);
  });

  it("gives two racing launchers the same secret, and refuses a damaged file with advice", async () => {
    const file = path.join(dir, "auth-secret");
    const [a, b] = await Promise.all([ensureAuthSecret(file), ensureAuthSecret(file)]);
    expect(a.secret).toBe(b.secret);

    const short = path.join(dir, "short");
    await writeFile(short, "too-short\n");
    await expect(ensureAuthSecret(short)).rejects.toThrow(`${short} does not hold a usable secret (32 characters or more); delete it and a new one is made`);
  });
});
