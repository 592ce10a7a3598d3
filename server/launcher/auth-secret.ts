// A persistent session secret for local runs: made once, kept in .data/auth-secret, so sign-ins
// survive restarts without anyone having to set AUTH_SECRET.
import { randomBytes } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";

export async function ensureAuthSecret(file: string): Promise<{ secret: string; created: boolean }> {
  const existing = await readSecret(file);
  if (existing) return { secret: existing, created: false };
  await mkdir(path.dirname(file), { recursive: true });
  const secret = randomBytes(32).toString("base64url");
  try {
    await writeFile(file, `${secret}\n`, { mode: 0o600, flag: "wx" });
    return { secret, created: true };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
    // Lost a race with another launcher: use what it wrote.
    const raced = await readSecret(file);
    if (raced) return { secret: raced, created: false };
    throw new Error(`${file} does not hold a usable secret (32 characters or more); delete it and a new one is made`);
  }
}

async function readSecret(file: string): Promise<string | undefined> {
  const text = await readFile(file, "utf8").catch(() => "");
  const secret = text.trim();
  return secret.length >= 32 ? secret : undefined;
}
