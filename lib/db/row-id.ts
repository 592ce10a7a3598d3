// Ids for rows written with raw SQL (or chosen before the row exists), shaped like Prisma's
// @default(cuid(2)): a lowercase letter, then 23 lowercase letters or digits (~120 random bits).
// Not cuid2's algorithm: Prisma's generator hashes with SHA-3 in JavaScript (~90 µs an id, measured
// on the voice server), where this is a few random bytes, drawn from a pool refilled from the CSPRNG
// 170 ids at a time (one randomBytes call per id cost a syscall-sized slice of the voice server's loop).
import { randomFillSync } from "node:crypto";

const ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
const ID_BYTES = 24;
const pool = new Uint8Array(ID_BYTES * 170);
let used = pool.length;

export function newRowId(): string {
  if (used + ID_BYTES > pool.length) {
    randomFillSync(pool);
    used = 0;
  }
  const at = used;
  used += ID_BYTES;
  let id = ALPHABET[pool[at]! % 26]!;
  for (let i = 1; i < ID_BYTES; i++) id += ALPHABET[pool[at + i]! % 36];
  return id;
}
