// Per-IP limits with no proxy in front (TRUSTED_PROXY_HOPS=0, the default), as the app runs behind
// server/app/main.ts: the address comes from the x-frontdesk-client-ip header that server writes from
// the socket. Before it existed every such request was "direct" and no per-IP limit applied.
import { describe, expect, it, vi } from "vitest";

vi.hoisted(() => {
  process.env.TRUSTED_PROXY_HOPS = "0";
  process.env.FRONTDESK_APP_SERVER = "1"; // what server/app/main.ts sets in its process
});

import * as signupRoute from "@/app/api/auth/signup/route";
import { getDb } from "../db/client";
import { getEnv } from "../env";
import { CLIENT_IP_HEADER } from "../http/peer-address";
import { apiRequest, createTestTenant, spend, unique } from "../test/factories";
import { signInViaNextAuth } from "../test/next-auth-sign-in";
import { LIMITS } from "./rate-limit";

const from = (ip: string) => ({ [CLIENT_IP_HEADER]: ip, "x-forwarded-for": `198.51.100.${Math.floor(Math.random() * 250)}` });

describe("per-IP limits with no proxy, from the app server's address header", () => {
  it("refuses the 21st sign-in a minute from one address, whatever the email; another address is unaffected", async () => {
    expect(getEnv()).toMatchObject({ TRUSTED_PROXY_HOPS: 0, FRONTDESK_APP_SERVER: true });
    const ip = "203.0.113.7";
    await getDb().rateLimitBucket.deleteMany({ where: { key: `${LIMITS.loginPerIp.name}:${ip}` } });
    const { admin } = await createTestTenant();
    // A few real wrong guesses at different emails (each costs a full hash), then the rest of the minute's budget.
    const real = 3;
    for (let i = 0; i < real; i++) {
      const guess = await signInViaNextAuth({ email: `guess-${unique()}@test.example`, password: `guess ${i}` }, from(ip));
      expect(guess.error).toBe("CredentialsSignin");
    }
    await spend(LIMITS.loginPerIp, ip, LIMITS.loginPerIp.limit - real);

    // The 21st, with the right password of an email not tried yet, and a fresh forged X-Forwarded-For.
    expect(await signInViaNextAuth({ email: admin.email, password: admin.password }, from(ip))).toMatchObject({ ok: false, error: "THROTTLED" });
    expect((await signInViaNextAuth({ email: admin.email, password: admin.password }, from("203.0.113.8"))).ok).toBe(true);
  });

  it("counts sign-ups per address from the header (10 an hour)", async () => {
    const ip = "203.0.113.9";
    await getDb().rateLimitBucket.deleteMany({ where: { key: `${LIMITS.signUpPerIp.name}:${ip}` } });
    const post = (from_: string) =>
      signupRoute.POST(
        apiRequest("POST", "/api/auth/signup", {
          body: { name: "Pat Doe", email: `pat-${unique()}@test.example`, password: "a long enough password", businessName: "Pat's Plumbing" },
          headers: from(from_),
        }),
      );
    await spend(LIMITS.signUpPerIp, ip, LIMITS.signUpPerIp.limit);
    expect((await post(ip)).status).toBe(429);
    expect((await post("203.0.113.10")).status).toBe(201);
  }, 60_000);
});
