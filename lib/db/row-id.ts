// Ids for rows written with raw SQL (or chosen before the row exists), shaped like Prisma's
// @default(cuid(2)): a lowercase letter, then 23 lowercase letters or digits (~120 random bits).
// Not cuid2's algorithm: Prisma's generator hashes with SHA-3 in JavaScript (~90 µs an id, measured
// on the voice server), where this is a few random bytes.
import { randomBytes } from "node:crypto";

const ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

export function newRowId(): string {
  const bytes = randomBytes(24);
  let id = ALPHABET[bytes[0]! % 26]!;
  for (let i = 1; i < 24; i++) id += ALPHABET[bytes[i]! % 36];
  return id;
}
