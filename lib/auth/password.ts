// Password hashing with scrypt (memory-hard, in node's crypto). Stored as "scrypt$N$r$p$salt$hash", so
// the cost can be raised without breaking old hashes: verifyPassword says when a hash is below today's
// cost, and sign-in re-hashes it. Every hash goes through the bounded pool (hash-pool.ts).
import { randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from "node:crypto";
import { getEnv } from "../env";
import { passwordHashPool, type RunOptions } from "./hash-pool";

type Cost = { N: number; r: number; p: number };

/**
 * Today's cost. OWASP Password Storage Cheat Sheet: scrypt N=2^17, r=8, p=1 (128 MiB, ~0.3-0.7 s per
 * hash here), the default of PASSWORD_SCRYPT_LOG2N and the least production accepts (lib/env.ts).
 */
export function scryptCost(): Cost {
  return { N: 2 ** getEnv().PASSWORD_SCRYPT_LOG2N, r: 8, p: 1 };
}
const KEY_LEN = 64;
// Stored values are ours, but a corrupted or planted one must not make a sign-in allocate gigabytes.
const MAX_N = 2 ** 20;

function scrypt(password: string, salt: Buffer, keyLen: number, opts: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scryptCb(password.normalize("NFKC"), salt, keyLen, opts, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

// scrypt needs 128·N·r bytes; node refuses above maxmem (32 MiB by default), so allow twice that.
const maxmem = (n: number, r: number) => 256 * n * r;

/**
 * Hashes at today's cost. Uses the pool's deadline (5 s) by default, like verifyPassword: a hash that
 * cannot start soon is refused (BUSY) rather than queued. Seeding and test fixtures pass
 * `{ maxWaitMs: Infinity }`.
 */
export async function hashPassword(password: string, opts: RunOptions = {}): Promise<string> {
  const { N, r, p } = scryptCost();
  const salt = randomBytes(16);
  const key = await passwordHashPool().run(() => scrypt(password, salt, KEY_LEN, { N, r, p, maxmem: maxmem(N, r) }), opts);
  return ["scrypt", N, r, p, salt.toString("base64"), key.toString("base64")].join("$");
}

export type Verification = { ok: boolean; /** the hash is below today's cost: store a new one */ needsRehash: boolean };

/**
 * Checks a password against a stored hash. Uses the pool's deadline (5 s) by default: it runs on
 * unauthenticated requests, so a hash that cannot start soon is refused (BUSY) rather than queued.
 */
export async function verifyPassword(password: string, stored: string, opts: RunOptions = {}): Promise<Verification> {
  const [scheme, n, r, p, salt, hash, ...rest] = stored.split("$");
  const cost = { N: Number(n), r: Number(r), p: Number(p) };
  const valid =
    scheme === "scrypt" && !!salt && !!hash && rest.length === 0 &&
    Number.isInteger(cost.N) && cost.N > 1 && cost.N <= MAX_N && (cost.N & (cost.N - 1)) === 0 &&
    Number.isInteger(cost.r) && cost.r >= 1 && cost.r <= 32 && Number.isInteger(cost.p) && cost.p >= 1 && cost.p <= 16;
  if (!valid) return { ok: false, needsRehash: false };
  const expected = Buffer.from(hash, "base64");
  const actual = await passwordHashPool().run(
    () => scrypt(password, Buffer.from(salt, "base64"), expected.length, { ...cost, maxmem: maxmem(cost.N, cost.r) }),
    opts,
  );
  const ok = actual.length === expected.length && timingSafeEqual(actual, expected);
  return { ok, needsRehash: ok && isBelowCurrentCost(cost) };
}

function isBelowCurrentCost(cost: Cost): boolean {
  const today = scryptCost();
  return cost.N < today.N || cost.r < today.r || cost.p < today.p;
}

// Verifying against this when the email is unknown keeps the response time the same, so timing does
// not reveal which emails have accounts. It has today's cost, so it costs what a current hash does; its
// "hash" is random bytes, which no password matches, so it needs no scrypt run to make.
let dummyHash: string | undefined;
export function getDummyHash(): string {
  const { N, r, p } = scryptCost();
  dummyHash ??= ["scrypt", N, r, p, randomBytes(16).toString("base64"), randomBytes(KEY_LEN).toString("base64")].join("$");
  return dummyHash;
}
