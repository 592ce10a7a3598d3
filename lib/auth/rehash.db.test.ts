// Hashes made at an older, lower scrypt cost are replaced at the next successful sign-in.
import { describe, expect, it } from "vitest";
import { getDb } from "../db/client";
import { createTestTenant } from "../test/factories";
import { legacyHash } from "../test/legacy-hash";
import { authenticate } from "./authenticate";
import { scryptCost, verifyPassword } from "./password";

describe("password rehash on sign-in", () => {
  it("upgrades an old-cost hash after a successful sign-in, and not after a failed one", async () => {
    const { admin } = await createTestTenant();
    const old = legacyHash(admin.password);
    await getDb().user.update({ where: { id: admin.id }, data: { passwordHash: old } });

    expect(await authenticate(getDb(), { email: admin.email, password: "not the password" }, "203.0.113.80")).toBeNull();
    expect((await getDb().user.findUniqueOrThrow({ where: { id: admin.id } })).passwordHash).toBe(old);

    expect(await authenticate(getDb(), { email: admin.email, password: admin.password }, "203.0.113.80")).not.toBeNull();
    const upgraded = (await getDb().user.findUniqueOrThrow({ where: { id: admin.id } })).passwordHash;
    expect(upgraded).toMatch(new RegExp(`^scrypt\\$${scryptCost().N}\\$8\\$1\\$`));
    expect(await verifyPassword(admin.password, upgraded)).toEqual({ ok: true, needsRehash: false });
    // And the new hash signs in.
    expect(await authenticate(getDb(), { email: admin.email, password: admin.password }, "203.0.113.80")).not.toBeNull();
  });
});
