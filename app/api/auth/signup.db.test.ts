// Sign-up, sign-in (credentials check, throttling, suspension) and the session guard, on a real database.
import { describe, expect, it } from "vitest";
import * as signup from "./signup/route";
import * as me from "../v1/me/route";
import { authenticate } from "@/lib/auth/authenticate";
import { signInCookie } from "@/lib/auth/sessions";
import { THROTTLE } from "@/lib/auth/throttle";
import { getDb } from "@/lib/db/client";
import { apiRequest, json } from "@/lib/test/factories";
import { randomBytes } from "node:crypto";

const email = () => `person-${randomBytes(4).toString("hex")}@Test.Example`;
const input = (overrides: Record<string, unknown> = {}) => ({
  name: "Sam Owner",
  email: email(),
  password: "a long enough password",
  businessName: "Sam's Bakery",
  ...overrides,
});

describe("sign-up", () => {
  it("creates the user, a tenant on the free plan, and makes the person its admin", async () => {
    const body = input();
    const res = await json(await signup.POST(apiRequest("POST", "/api/auth/signup", { body })));
    expect(res.status).toBe(201);
    const { user, tenant } = res.body.data;
    expect(user.email).toBe(body.email.toLowerCase());
    expect(user).not.toHaveProperty("passwordHash");
    expect(tenant).toMatchObject({ name: "Sam's Bakery", plan: "FREE" });
    expect(tenant.slug).toMatch(/^sam-s-bakery-[0-9a-f]{6}$/);
    const membership = await getDb().membership.findUniqueOrThrow({ where: { tenantId_userId: { tenantId: tenant.id, userId: user.id } } });
    expect(membership.role).toBe("ADMIN");
    const stored = await getDb().user.findUniqueOrThrow({ where: { id: user.id } });
    expect(stored.passwordHash).toMatch(/^scrypt\$/);
    expect(await getDb().subscription.count({ where: { tenantId: tenant.id } })).toBe(1);

    const { cookie } = await signInCookie(getDb(), user.id, tenant.id);
    const who = await json(await me.GET(apiRequest("GET", "/api/v1/me", { cookie })));
    expect(who.body.data).toMatchObject({ role: "ADMIN", tenant: { id: tenant.id }, user: { id: user.id } });
  });

  it("signs the new admin in: the 201 carries a working session cookie, its session row names the client", async () => {
    const res = await signup.POST(
      apiRequest("POST", "/api/auth/signup", { body: input(), headers: { "user-agent": "SignupTest/1", "x-forwarded-for": "203.0.113.40" } }),
    );
    expect(res.status).toBe(201);
    const { user, tenant, signedIn } = ((await res.json()) as { data: { user: { id: string }; tenant: { id: string }; signedIn: boolean } }).data;
    expect(signedIn).toBe(true);
    const setCookie = res.headers.getSetCookie();
    expect(setCookie).toHaveLength(1);
    expect(setCookie[0]).toMatch(/^next-auth\.session-token=[^;]+; Path=\/; HttpOnly; SameSite=Lax; Max-Age=\d+/);
    const cookie = setCookie[0]!.split(";")[0]!;
    const who = await json(await me.GET(apiRequest("GET", "/api/v1/me", { cookie })));
    expect(who.status).toBe(200);
    expect(who.body.data).toMatchObject({ role: "ADMIN", tenant: { id: tenant.id }, user: { id: user.id } });
    const sessions = await getDb().userSession.findMany({ where: { userId: user.id } });
    expect(sessions).toHaveLength(1);
    expect(sessions[0]).toMatchObject({ userAgent: "SignupTest/1", revokedAt: null });
  });

  it("sets no cookie when the sign-up is refused", async () => {
    const body = input();
    expect((await signup.POST(apiRequest("POST", "/api/auth/signup", { body }))).status).toBe(201);
    const again = await signup.POST(apiRequest("POST", "/api/auth/signup", { body }));
    expect(again.status).toBe(409);
    expect(again.headers.getSetCookie()).toEqual([]);
    const bad = await signup.POST(apiRequest("POST", "/api/auth/signup", { body: input({ password: "short" }) }));
    expect(bad.status).toBe(422);
    expect(bad.headers.getSetCookie()).toEqual([]);
  });

  it("refuses a taken email (409) without creating a second tenant", async () => {
    const body = input();
    expect((await signup.POST(apiRequest("POST", "/api/auth/signup", { body }))).status).toBe(201);
    const tenants = await getDb().tenant.count();
    const again = await json(await signup.POST(apiRequest("POST", "/api/auth/signup", { body: { ...body, email: body.email.toUpperCase(), businessName: "Other" } })));
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: "EMAIL_TAKEN", field: "email" });
    expect(await getDb().tenant.count()).toBe(tenants);
  });

  it("names the bad field with 422", async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ email: "not-an-email" }, "email"],
      [{ password: "short" }, "password"],
      [{ businessName: "  " }, "businessName"],
      [{ name: "" }, "name"],
    ];
    for (const [overrides, field] of cases) {
      const res = await json(await signup.POST(apiRequest("POST", "/api/auth/signup", { body: input(overrides) })));
      expect(res.status).toBe(422);
      expect(res.body.error).toMatchObject({ code: "VALIDATION_FAILED", field });
    }
  });

  it("refuses a cross-site sign-up post", async () => {
    const res = await signup.POST(apiRequest("POST", "/api/auth/signup", { body: input(), origin: "https://evil.example" }));
    expect(res.status).toBe(403);
  });
});

describe("sign-in", () => {
  async function account() {
    const body = input();
    const res = await json(await signup.POST(apiRequest("POST", "/api/auth/signup", { body })));
    return { ...body, email: body.email.toLowerCase(), tenantId: res.body.data.tenant.id as string };
  }

  it("accepts the right password (any email case) and says nothing specific about wrong ones", async () => {
    const acc = await account();
    const ok = await authenticate(getDb(), { email: acc.email.toUpperCase(), password: acc.password }, "10.0.0.1");
    expect(ok).toMatchObject({ email: acc.email, tenantId: acc.tenantId });
    expect(await authenticate(getDb(), { email: acc.email, password: "wrong password!" }, "10.0.0.1")).toBeNull();
    expect(await authenticate(getDb(), { email: "nobody@test.example", password: "whatever123" }, "10.0.0.1")).toBeNull();
  });

  it("locks an email+IP after repeated failures, even for the right password, but not other IPs", async () => {
    const acc = await account();
    for (let i = 0; i < THROTTLE.MAX_FAILURES; i++) {
      expect(await authenticate(getDb(), { email: acc.email, password: "bad guess " + i }, "10.0.0.2")).toBeNull();
    }
    await expect(authenticate(getDb(), { email: acc.email, password: acc.password }, "10.0.0.2")).rejects.toMatchObject({ code: "THROTTLED" });
    expect(await authenticate(getDb(), { email: acc.email, password: acc.password }, "10.0.0.3")).not.toBeNull();
  });

  it("refuses members of a suspended tenant", async () => {
    const acc = await account();
    await getDb().tenant.update({ where: { id: acc.tenantId }, data: { status: "SUSPENDED" } });
    await expect(authenticate(getDb(), { email: acc.email, password: acc.password }, "10.0.0.4")).rejects.toMatchObject({ code: "TENANT_SUSPENDED" });
  });
});
