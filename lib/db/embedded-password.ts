// The embedded database's password for local runs: made once, kept in .data/embedded-db-password
// (mode 0600, like .data/auth-secret), so the launcher, its children and the db scripts agree on it
// without anyone setting EMBEDDED_DB_PASSWORD. Never printed.
import { ensureSecretFile } from "../local-secret-file";

export const EMBEDDED_DB_PASSWORD_FILE = ".data/embedded-db-password";

/** EMBEDDED_DB_PASSWORD when set, else the one kept in `file` (created on first use). */
export async function resolveEmbeddedDbPassword(fromEnv: string | undefined, file: string): Promise<string> {
  return fromEnv || (await ensureEmbeddedDbPassword(file)).password;
}

export async function ensureEmbeddedDbPassword(file: string): Promise<{ password: string; created: boolean }> {
  const { value, created } = await ensureSecretFile(file, { bytes: 24, minLength: 16, what: "password" });
  return { password: value, created };
}
