// Invite tokens: 32 random bytes in the link, only their SHA-256 in the database, so a leaked table
// (or backup) holds no usable link. A fast hash is enough: the token is random, not a password.
import { createHash, randomBytes } from "node:crypto";
import { getEnv } from "../env";

/** Days an invite link works; a resend starts a new period with a new link. */
export const INVITE_TTL_DAYS = 7;

const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export function hashInviteToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export function newInviteToken(now = new Date()): { token: string; tokenHash: string; expiresAt: Date } {
  const token = randomBytes(32).toString("base64url");
  return { token, tokenHash: hashInviteToken(token), expiresAt: new Date(now.getTime() + INVITE_TTL_DAYS * 86_400_000) };
}

/** Whether a string can be a token at all: anything else is refused before a lookup. */
export function isInviteTokenShape(token: string): boolean {
  return TOKEN_PATTERN.test(token);
}

export function inviteLink(token: string): string {
  return new URL(`/invite/${token}`, getEnv().APP_URL).toString();
}
