import { describe, expect, it } from "vitest";
import { assertPasswordAcceptable, checkPasswordStrength } from "./password-strength";

// The first check loads the dictionaries (~0.5-3 s).
describe("password strength", { timeout: 30_000 }, () => {
  it("refuses common passwords that are long enough for the length rule, with zxcvbn's advice", async () => {
    for (const weak of ["password123", "iloveyou2020", "qwertyuiop12", "Password1234", "aaaaaaaaaaaa"]) {
      const verdict = await checkPasswordStrength(weak);
      expect(verdict, weak).toMatchObject({ acceptable: false });
      expect(verdict.message, weak).toMatch(/\w/);
    }
    await expect(assertPasswordAcceptable("password123")).rejects.toMatchObject({
      code: "VALIDATION_FAILED",
      field: "password",
      message: expect.stringContaining("commonly used password"),
    });
  });

  it("refuses a password made of the person's own details", async () => {
    const ctx = { email: "marguerite.okonkwo@example.com", name: "Marguerite Okonkwo", businessName: "Okonkwo Dental" };
    const verdict = await checkPasswordStrength("okonkwodental", ctx);
    expect(verdict.acceptable).toBe(false);
    expect(verdict.message).toContain("name, email or business name");
    expect((await checkPasswordStrength("okonkwodental")).acceptable).toBe(true);
  });

  it("accepts passphrases and random strings", async () => {
    for (const strong of ["a long enough password", "horse battery staple river", "Tr0ub4dour&3x!", "e2e-password-lx3k2abc123"]) {
      expect((await checkPasswordStrength(strong)).acceptable, strong).toBe(true);
    }
    await expect(assertPasswordAcceptable("test-password-123")).resolves.toBeUndefined();
  });

  it("judges a long password by its first 64 characters", async () => {
    expect((await checkPasswordStrength("password".repeat(25))).acceptable).toBe(false);
  });
});
