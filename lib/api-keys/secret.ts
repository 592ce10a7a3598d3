// API key secrets: `fd_live_` + 32 random bytes (base64url), shown once and stored as a SHA-256 hash.
// Why not scrypt like passwords: a password is guessable, so its hash must be slow; a key carries 256
// bits of randomness, so no amount of guessing reaches it and a fast hash loses nothing. A slow hash
// would also cost tens of milliseconds of CPU on every API request (a denial-of-service lever), and an
// unsalted deterministic hash is what lets a request find its key through one unique-index lookup.
import { createHash, randomBytes } from "node:crypto";

export const API_KEY_PREFIX = "fd_live_";
/** How much of the key the UI shows to recognise it: the fixed prefix and 6 characters of the secret. */
const VISIBLE_CHARS = API_KEY_PREFIX.length + 6;
const KEY_SHAPE = /^fd_live_[A-Za-z0-9_-]{43}$/;

export type NewApiKeySecret = { key: string; prefix: string; keyHash: string };

export function hashApiKey(key: string): string {
  return createHash("sha256").update(key, "utf8").digest("hex");
}

export function generateApiKey(): NewApiKeySecret {
  const key = `${API_KEY_PREFIX}${randomBytes(32).toString("base64url")}`;
  return { key, prefix: key.slice(0, VISIBLE_CHARS), keyHash: hashApiKey(key) };
}

/** A string that could be one of our keys (checked before any database lookup). */
export function isApiKeyShape(value: string): boolean {
  return KEY_SHAPE.test(value);
}
