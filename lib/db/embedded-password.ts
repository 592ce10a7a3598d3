// The embedded database's password for local runs: made once, kept in .data/embedded-db-password
// (mode 0600, like .data/auth-secret), so the launcher, its children and the db scripts agree on it
// without anyone setting EMBEDDED_DB_PASSWORD. Never printed.
import path from "node:path";
import { embeddedDatabaseUrl, type Env } from "../env";
import { ensureSecretFile } from "../local-secret-file";

export const EMBEDDED_DB_PASSWORD_FILE = ".data/embedded-db-password";

/** EMBEDDED_DB_PASSWORD when set, else the one kept in `file` (created on first use). */
export async function resolveEmbeddedDbPassword(fromEnv: string | undefined, file: string): Promise<string> {
  return fromEnv || (await ensureEmbeddedDbPassword(file)).password;
}

/**
 * With the embedded database: the env with EMBEDDED_DB_PASSWORD (and so databaseUrl) filled in from
 * `root`/.data/embedded-db-password, made on first use. The launcher passes it on to its children;
 * the db scripts connect with it. With DATABASE_URL set: `env` unchanged.
 */
export async function withEmbeddedDbPassword(env: Env, root: string): Promise<Env> {
  if (!env.embeddedDatabase) return env;
  const password = await resolveEmbeddedDbPassword(env.EMBEDDED_DB_PASSWORD, path.resolve(root, EMBEDDED_DB_PASSWORD_FILE));
  return { ...env, EMBEDDED_DB_PASSWORD: password, databaseUrl: embeddedDatabaseUrl(env.EMBEDDED_DB_PORT, password) };
}

export async function ensureEmbeddedDbPassword(file: string): Promise<{ password: string; created: boolean }> {
  const { value, created } = await ensureSecretFile(file, { bytes: 24, minLength: 16, what: "password" });
  return { password: value, created };
}
