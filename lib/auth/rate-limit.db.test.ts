// Rate limits on sign-in and sign-up, behind one trusted proxy (TRUSTED_PROXY_HOPS=1), through the real
// entry points: next-auth's credentials flow and the sign-up route.
import { describe, expect, it, vi } from "vitest";

vi.hoisted(() => {
  process.env.TRUSTED_PROXY_HOPS = "1"; // read once, on first use of getEnv()
});

import * as signupRoute from "@/app/api/auth/signup/route";
import { getDb } from "../db/client";
import { getEnv } from "../env";
import { apiRequest, createTestTenant, json, spend, unique } from "../test/factories";
import { signInViaNextAuth } from "../test/next-auth-sign-in";
import { hitRateLimit, LIMITS, type RateLimit } from "./rate-limit";
import { THROTTLE } from "./throttle";

const T0 = new Date("2026-06-01T12:00:00.000Z");
const viaProxy = (client: string, spoofed = "6.6.6.6") => ({ "x-forwarded-for": `${spoofed}, ${client}` });

async function resetBucket(limit: RateLimit, subject: string) {
  await getDb().rateLimitBucket.deleteMany({ where: { key: `${limit.name}:${subject}` } });
}

describe("fixed-window counter", () => {
  it("allows `limit` hits per window, then refuses with the time left, then opens a new window", async () => {
    const limit = { name: `test-${unique()}`, limit: 3, windowMs: 60_000 };
    const results = [];
    for (let i = 0; i < 4; i++) results.push(await hitRateLimit(getDb(), limit, "x", new Date(T0.getTime() + i * 10_000)));
    expect(results.map((r) => r.allowed)).toEqual([true, true, true, false]);
    expect(results[3]).toMatchObject({ count: 4, retryAfterSec: 30 });
    expect(await hitRateLimit(getDb(), limit, "x", new Date(T0.getTime() + 60_000))).toMatchObject({ allowed: true, count: 1 });
    expect(await hitRateLimit(getDb(), limit, "y", T0)).toMatchObject({ allowed: true, count: 1 });
  });

  it("loses no hit under concurrency", async () => {
    const limit = { name: `test-${unique()}`, limit: 100, windowMs: 60_000 };
    const results = await Promise.all(Array.from({ length: 25 }, () => hitRateLimit(getDb(), limit, "x")));
    expect(results.map((r) => r.count).sort((a, b) => a - b)).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
  });
});

describe("sign-in behind a proxy", () => {
  it("takes the proxy's entry, not the client's: rotating the client-written part changes nothing", async () => {
    expect(getEnv().TRUSTED_PROXY_HOPS).toBe(1);
    const { admin } = await createTestTenant();
    const errors: (string | null)[] = [];
    for (let i = 0; i < THROTTLE.MAX_FAILURES + 2; i++) {
      errors.push((await signInViaNextAuth({ email: admin.email, password: `guess ${i}` }, viaProxy("203.0.113.20", `198.51.100.${i}`))).error);
    }
    expect(errors.filter((e) => e === "CredentialsSignin")).toHaveLength(THROTTLE.MAX_FAILURES);
    expect(errors.slice(THROTTLE.MAX_FAILURES).every((e) => e === "THROTTLED")).toBe(true);
    // Another real address is a different (email, ip) pair: the owner at home can still sign in.
    expect((await signInViaNextAuth({ email: admin.email, password: admin.password }, viaProxy("203.0.113.21"))).ok).toBe(true);
  });

  it("refuses the 21st attempt a minute from one address, whatever the email", async () => {
    const { admin } = await createTestTenant();
    const ip = "203.0.113.30";
    await spend(LIMITS.loginPerIp, ip, LIMITS.loginPerIp.limit);
    expect(await signInViaNextAuth({ email: admin.email, password: admin.password }, viaProxy(ip))).toMatchObject({ ok: false, error: "THROTTLED" });
    expect((await signInViaNextAuth({ email: admin.email, password: admin.password }, viaProxy("203.0.113.31"))).ok).toBe(true);
  });

  it("refuses everyone once the fleet-wide budget for the minute is spent", async () => {
    const { admin } = await createTestTenant();
    const used = await hitRateLimit(getDb(), LIMITS.loginGlobal, "all");
    try {
      await spend(LIMITS.loginGlobal, "all", LIMITS.loginGlobal.limit - used.count);
      expect(await signInViaNextAuth({ email: admin.email, password: admin.password }, viaProxy("203.0.113.40"))).toMatchObject({ error: "THROTTLED" });
    } finally {
      await resetBucket(LIMITS.loginGlobal, "all");
    }
  });
});

describe("sign-up limits", () => {
  const body = () => ({ name: "Pat Doe", email: `pat-${unique()}@test.example`, password: "a long enough password", businessName: "Pat's Plumbing" });
  const post = (ip: string, b: unknown = body()) =>
    signupRoute.POST(apiRequest("POST", "/api/auth/signup", { body: b, headers: viaProxy(ip, `198.51.100.${Math.floor(Math.random() * 250)}`) }));

  it("allows 10 sign-up attempts an hour per address, then 429 THROTTLED with Retry-After", async () => {
    const ip = "203.0.113.50";
    await spend(LIMITS.signUpPerIp, ip, LIMITS.signUpPerIp.limit - 1);
    expect((await post(ip)).status).toBe(201);
    const refused = await post(ip);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(3000);
    expect((await json(refused)).body.error).toMatchObject({ code: "THROTTLED" });
    expect((await post("203.0.113.51")).status).toBe(201);
  });

  it("caps sign-ups across all addresses", async () => {
    const used = await hitRateLimit(getDb(), LIMITS.signUpGlobal, "all");
    try {
      await spend(LIMITS.signUpGlobal, "all", LIMITS.signUpGlobal.limit - used.count);
      const refused = await post("203.0.113.60");
      expect(refused.status).toBe(429);
      expect(refused.headers.get("retry-after")).toMatch(/^\d+$/);
    } finally {
      await resetBucket(LIMITS.signUpGlobal, "all");
    }
  });

  it("refuses a common password with 422 on field password, creating nothing", async () => {
    const b = { ...body(), password: "password123" };
    const res = await json(await post("203.0.113.70", b));
    expect(res.status).toBe(422);
    expect(res.body.error).toMatchObject({ code: "VALIDATION_FAILED", field: "password" });
    expect(res.body.error.message).toMatch(/commonly used/);
    expect(await getDb().user.count({ where: { email: b.email } })).toBe(0);
    const personal = await json(await post("203.0.113.70", { ...body(), businessName: "Zanzibar Plumbing", password: "zanzibarplumbing" }));
    expect(personal.body.error).toMatchObject({ code: "VALIDATION_FAILED", field: "password" });
  });
});
