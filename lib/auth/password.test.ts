import { describe, expect, it } from "vitest";
import { legacyHash } from "../test/legacy-hash";
import { getDummyHash, hashPassword, SCRYPT_COST, verifyPassword } from "./password";

// Each full-cost hash takes 0.3-2 s (machine load): more than the unit tier's 5 s default for a few.
describe("password hashing", { timeout: 30_000 }, () => {
  it("hashes at OWASP's scrypt cost (N=2^17, r=8, p=1) and verifies the right password only", async () => {
    expect(SCRYPT_COST).toEqual({ N: 131072, r: 8, p: 1 });
    const stored = await hashPassword("correct horse battery");
    expect(stored).toMatch(/^scrypt\$131072\$8\$1\$/);
    expect(await verifyPassword("correct horse battery", stored)).toEqual({ ok: true, needsRehash: false });
    expect(await verifyPassword("correct horse batterY", stored)).toEqual({ ok: false, needsRehash: false });
  });

  it("still accepts hashes made at the old cost, and asks for a rehash only on success", async () => {
    const old = legacyHash("an older password");
    expect(await verifyPassword("an older password", old)).toEqual({ ok: true, needsRehash: true });
    expect(await verifyPassword("not the password", old)).toEqual({ ok: false, needsRehash: false });
  });

  it("salts every hash", async () => {
    const [a, b] = await Promise.all([hashPassword("same password"), hashPassword("same password")]);
    expect(a).not.toBe(b);
  });

  it("rejects malformed or absurd stored values instead of throwing or allocating", async () => {
    expect(await verifyPassword("x", "")).toEqual({ ok: false, needsRehash: false });
    expect(await verifyPassword("x", "bcrypt$abc")).toEqual({ ok: false, needsRehash: false });
    expect((await verifyPassword("x", "scrypt$1073741824$8$1$c2FsdA==$aGFzaA==")).ok).toBe(false);
    expect((await verifyPassword("x", "scrypt$1000$8$1$c2FsdA==$aGFzaA==")).ok).toBe(false);
  });

  it("has a dummy hash at today's cost that matches no password", async () => {
    expect(getDummyHash()).toMatch(/^scrypt\$131072\$8\$1\$/);
    expect((await verifyPassword("", getDummyHash())).ok).toBe(false);
  });
});
