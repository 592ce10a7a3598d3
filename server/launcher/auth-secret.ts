// A persistent session secret for local runs: made once, kept in .data/auth-secret, so sign-ins
// survive restarts without anyone having to set AUTH_SECRET.
import { ensureSecretFile } from "../../lib/local-secret-file";

export async function ensureAuthSecret(file: string): Promise<{ secret: string; created: boolean }> {
  const { value, created } = await ensureSecretFile(file, { bytes: 32, minLength: 32, what: "secret" });
  return { secret: value, created };
}
