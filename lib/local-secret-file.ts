// A random secret for local runs, made once and kept in a 0600 file under .data/, so every process and
// script of one checkout agrees on it without anyone setting an env variable. Never printed.
import { randomBytes } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";

export type SecretFileSpec = { bytes: number; minLength: number; what: string };

export async function ensureSecretFile(file: string, spec: SecretFileSpec): Promise<{ value: string; created: boolean }> {
  const existing = await readSecretFile(file, spec.minLength);
  if (existing) return { value: existing, created: false };
  await mkdir(path.dirname(file), { recursive: true });
  const value = randomBytes(spec.bytes).toString("base64url");
  try {
    await writeFile(file, `${value}\n`, { mode: 0o600, flag: "wx" });
    return { value, created: true };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
    // Lost a race with another launcher or script: use what it wrote.
    const raced = await readSecretFile(file, spec.minLength);
    if (raced) return { value: raced, created: false };
    throw new Error(`${file} does not hold a usable ${spec.what} (${spec.minLength} characters or more); delete it and a new one is made`);
  }
}

async function readSecretFile(file: string, minLength: number): Promise<string | undefined> {
  const text = await readFile(file, "utf8").catch(() => "");
  const value = text.trim();
  return value.length >= minLength ? value : undefined;
}
