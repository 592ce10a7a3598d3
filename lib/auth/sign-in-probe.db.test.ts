// The throttle probe from issue 6, through next-auth's real credentials flow (CSRF token, authorize(),
// client-IP resolution, throttling): 12 wrong guesses, each with a different X-Forwarded-For, used to be
// throttled 0 times. With the default TRUSTED_PROXY_HOPS=0 the header is ignored.
import { describe, expect, it } from "vitest";
import { getEnv } from "../env";
import { createTestTenant } from "../test/factories";
import { signInViaNextAuth } from "../test/next-auth-sign-in";
import { THROTTLE } from "./throttle";

const rotating = (i: number) => ({ "x-forwarded-for": `198.51.100.${i + 1}` });

async function guess(email: string, guesses: number) {
  const errors: (string | null)[] = [];
  for (let i = 0; i < guesses; i++) errors.push((await signInViaNextAuth({ email, password: `wrong guess ${i}` }, rotating(i))).error);
  return errors;
}

describe("sign-in throttle probe (no trusted proxy)", () => {
  it("throttles 12 wrong guesses with a rotating X-Forwarded-For after the limit, right password included", async () => {
    expect(getEnv().TRUSTED_PROXY_HOPS).toBe(0);
    const { admin } = await createTestTenant();
    const errors = await guess(admin.email, 12);
    const allowed = errors.filter((e) => e === "CredentialsSignin").length;
    expect(allowed).toBe(THROTTLE.MAX_FAILURES);
    expect(errors).toEqual([...Array(5).fill("CredentialsSignin"), ...Array(7).fill("THROTTLED")]);
    const right = await signInViaNextAuth({ email: admin.email, password: admin.password }, rotating(99));
    expect(right).toMatchObject({ ok: false, error: "THROTTLED" });
  });

  it("treats an unknown email exactly like a known one (no enumeration through the throttle)", async () => {
    const errors = await guess(`nobody-${Date.now()}@test.example`, 12);
    expect(errors).toEqual([...Array(5).fill("CredentialsSignin"), ...Array(7).fill("THROTTLED")]);
  }, 60_000);

  it("still signs in with the right password when not throttled", async () => {
    const { admin } = await createTestTenant();
    const res = await signInViaNextAuth({ email: admin.email, password: admin.password }, rotating(0));
    expect(res.ok).toBe(true);
    expect(res.cookie).toMatch(/next-auth\.session-token=/);
  });
});
