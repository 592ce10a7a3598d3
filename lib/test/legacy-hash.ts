// A password hash as an older version stored them: scrypt at half today's N (the previous version
// used 2^15 under today's 2^17), for rehash tests.
import { randomBytes, scryptSync } from "node:crypto";
import { scryptCost } from "../auth/password";

export function legacyHash(password: string): string {
  const salt = randomBytes(16);
  const N = scryptCost().N / 2;
  const key = scryptSync(password.normalize("NFKC"), salt, 64, { N, r: 8, p: 1, maxmem: 256 * N * 8 });
  return ["scrypt", N, 8, 1, salt.toString("base64"), key.toString("base64")].join("$");
}
