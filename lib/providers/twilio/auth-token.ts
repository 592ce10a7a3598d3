// The key Twilio signs its webhooks with. Production sets TWILIO_AUTH_TOKEN (lib/env.ts refuses to go
// without it); a local run without one uses a random token kept in .data/twilio-auth-token, made once,
// so the app, the launcher and the call simulator (which signs like Twilio) agree with no setup.
import path from "node:path";
import { requireTwilioAuthToken, type Env, getEnv } from "../../env";
import { ensureSecretFile } from "../../local-secret-file";

export const LOCAL_TWILIO_AUTH_TOKEN_FILE = path.join(".data", "twilio-auth-token");

/** Reads (or makes) the local token file. `file` is relative to the working directory unless absolute. */
export async function ensureLocalTwilioAuthToken(file: string = LOCAL_TWILIO_AUTH_TOKEN_FILE): Promise<{ token: string; created: boolean }> {
  const { value, created } = await ensureSecretFile(path.resolve(file), { bytes: 24, minLength: 32, what: "Twilio auth token" });
  return { token: value, created };
}

/** The token to verify webhook signatures with (cached per process once resolved). */
export async function getTwilioAuthToken(env: Env = getEnv()): Promise<string> {
  const fromEnv = requireTwilioAuthToken(env);
  if (fromEnv) return fromEnv;
  local ??= ensureLocalTwilioAuthToken().then((r) => r.token);
  return local.catch((err: unknown) => {
    local = undefined; // a failed read (permissions, disk) is tried again on the next webhook
    throw err;
  });
}

let local: Promise<string> | undefined;
