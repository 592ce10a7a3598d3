// Hashes made at the old scrypt cost (N = 2^15) are replaced at the next successful sign-in.
import { randomBytes, scryptSync } from "node:crypto";
import { describe, expect, it } from "vitest";
import { getDb } from "../db/client";
import { createTestTenant } from "../test/factories";
import { authenticate } from "./authenticate";
import { verifyPassword } from "./password";

function legacyHash(password: string): string {
  const salt = randomBytes(16);
  const key = scryptSync(password.normalize("NFKC"), salt, 64, { N: 2 ** 15, r: 8, p: 1, maxmem: 256 * 2 ** 15 * 8 });
  return ["scrypt", 2 ** 15, 8, 1, salt.toString("base64"), key.toString("base64")].join("$");
}

describe("password rehash on sign-in", () => {
  it("upgrades an old-cost hash after a successful sign-in, and not after a failed one", async () => {
    const { admin } = await createTestTenant();
    const old = legacyHash(admin.password);
    await getDb().user.update({ where: { id: admin.id }, data: { passwordHash: old } });

    expect(await authenticate(getDb(), { email: admin.email, password: "not the password" }, "203.0.113.80")).toBeNull();
    expect((await getDb().user.findUniqueOrThrow({ where: { id: admin.id } })).passwordHash).toBe(old);

    expect(await authenticate(getDb(), { email: admin.email, password: admin.password }, "203.0.113.80")).not.toBeNull();
    const upgraded = (await getDb().user.findUniqueOrThrow({ where: { id: admin.id } })).passwordHash;
    expect(upgraded).toMatch(/^scrypt\$131072\$8\$1\$/);
    expect(await verifyPassword(admin.password, upgraded)).toEqual({ ok: true, needsRehash: false });
    // And the new hash signs in.
    expect(await authenticate(getDb(), { email: admin.email, password: admin.password }, "203.0.113.80")).not.toBeNull();
  }, 60_000);
});
