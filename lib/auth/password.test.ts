import { describe, expect, it } from "vitest";
import { legacyHash } from "../test/legacy-hash";
import { parseEnv } from "../env";
import { getDummyHash, hashPassword, scryptCost, verifyPassword } from "./password";

// The suite hashes at PASSWORD_SCRYPT_LOG2N=12 (.config/vitest.config.ts); the cost itself is checked here.
describe("password hashing", { timeout: 30_000 }, () => {
  it("defaults to OWASP's scrypt cost (N=2^17, r=8, p=1), which production cannot lower", () => {
    expect(parseEnv({}).PASSWORD_SCRYPT_LOG2N).toBe(17);
    expect(parseEnv({ PASSWORD_SCRYPT_LOG2N: "18" }).PASSWORD_SCRYPT_LOG2N).toBe(18);
    const production = { NODE_ENV: "production", AUTH_SECRET: "p".repeat(40), TWILIO_AUTH_TOKEN: "t" };
    expect(() => parseEnv({ ...production, PASSWORD_SCRYPT_LOG2N: "12" })).toThrow(/PASSWORD_SCRYPT_LOG2N: below 17 is for tests only/);
    expect(() => parseEnv({ PASSWORD_SCRYPT_LOG2N: "9" })).toThrow(/PASSWORD_SCRYPT_LOG2N/);
  });

  it("hashes at today's cost and verifies the right password only", async () => {
    const { N } = scryptCost();
    expect(N).toBe(2 ** Number(process.env.PASSWORD_SCRYPT_LOG2N));
    const stored = await hashPassword("correct horse battery");
    expect(stored).toMatch(new RegExp(`^scrypt\\$${N}\\$8\\$1\\$`));
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
    expect(getDummyHash()).toMatch(new RegExp(`^scrypt\\$${scryptCost().N}\\$8\\$1\\$`));
    expect((await verifyPassword("", getDummyHash())).ok).toBe(false);
  });
});
