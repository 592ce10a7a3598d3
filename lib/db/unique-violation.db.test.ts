// isUniqueViolation against the real errors of both drivers (adapter-pg and PGlite over the wire).
import { describe, expect, it } from "vitest";
import { randomBytes } from "node:crypto";
import { getDb } from "./client";
import { isUniqueViolation } from "./unique-violation";

async function errorOf(work: () => Promise<unknown>): Promise<unknown> {
  try {
    await work();
  } catch (err) {
    return err;
  }
  throw new Error("expected the write to fail");
}

describe("unique violation", () => {
  it("recognises a duplicate and names the constraint's fields", async () => {
    const email = `dup-${randomBytes(4).toString("hex")}@test.example`;
    const create = () => getDb().user.create({ data: { email, name: "Dup", passwordHash: "x" } });
    await create();
    const err = await errorOf(create);
    expect(isUniqueViolation(err)).toBe(true);
    expect(isUniqueViolation(err, ["email"])).toBe(true);
    expect(isUniqueViolation(err, ["slug"])).toBe(false);
    // The same inside an interactive transaction.
    const inTx = await errorOf(() => getDb().$transaction((tx) => tx.user.create({ data: { email, name: "Dup", passwordHash: "x" } })));
    expect(isUniqueViolation(inTx, ["email"])).toBe(true);
  });

  it("says no for other errors", () => {
    expect(isUniqueViolation(new Error("boom"))).toBe(false);
    expect(isUniqueViolation(null)).toBe(false);
    expect(isUniqueViolation({ code: "P2025" })).toBe(false);
    expect(isUniqueViolation({ code: "P2002", meta: { target: ["tenantId", "e164"] } }, ["e164", "tenantId"])).toBe(true);
    expect(isUniqueViolation({ code: "P2002" }, ["email"])).toBe(false);
  });
});
