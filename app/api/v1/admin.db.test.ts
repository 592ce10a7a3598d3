// Platform access without a workspace, and what suspending a workspace or disabling a person does to
// sessions, through the real sign-in route and /api/v1/admin/* route handlers.
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import * as nextauth from "../auth/[...nextauth]/route";
import * as me from "./me/route";
import * as mySessions from "./me/sessions/route";
import * as suspend from "./admin/tenants/[id]/suspend/route";
import * as resume from "./admin/tenants/[id]/resume/route";
import * as disable from "./admin/users/[id]/disable/route";
import { hashPassword } from "@/lib/auth/password";
import { signInCookie } from "@/lib/auth/sessions";
import { getDb } from "@/lib/db/client";
import { TestBrowser } from "@/lib/test/browser";
import { ORIGIN, apiRequest, createTestTenant, json, params } from "@/lib/test/factories";

process.env.NEXTAUTH_URL ??= ORIGIN;

/** Signs in through /api/auth/callback/credentials; returns the session cookie (Cookie header form). */
async function signInThroughNextAuth(email: string, password: string): Promise<string> {
  const b = new TestBrowser();
  const csrf = await b.call(nextauth.GET, "GET", "/api/auth/csrf", { nextauth: ["csrf"] });
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const form = { email, password, csrfToken, callbackUrl: `${ORIGIN}/admin`, json: "true" };
  const res = await b.call(nextauth.POST, "POST", "/api/auth/callback/credentials", { nextauth: ["callback", "credentials"] }, { form });
  const { url } = (await res.json()) as { url: string };
  expect(url, "sign-in").toBe(`${ORIGIN}/admin`);
  return `next-auth.session-token=${b.jar.get("next-auth.session-token")}`;
}

async function createSuperAdmin() {
  const password = `platform pass ${randomBytes(4).toString("hex")}`;
  const user = await getDb().user.create({
    data: { email: `root-${randomBytes(4).toString("hex")}@test.example`, name: "Root", passwordHash: await hashPassword(password), isSuperAdmin: true },
  });
  return { ...user, password };
}

const suspendReq = (cookie: string, tenantId: string, reason = "Unpaid invoices") =>
  suspend.POST(apiRequest("POST", `/api/v1/admin/tenants/${tenantId}/suspend`, { cookie, body: { reason } }), params({ id: tenantId }));

describe("super admin without a membership", () => {
  it("signs in and uses the admin API; the tenant API has no workspace for them", async () => {
    const root = await createSuperAdmin();
    const cookie = await signInThroughNextAuth(root.email, root.password);
    const t = await createTestTenant("Suspend Me");
    expect((await suspendReq(cookie, t.tenant.id)).status).toBe(204);
    expect((await me.GET(apiRequest("GET", "/api/v1/me", { cookie }))).status).toBe(401);
    // Their own account works without a workspace.
    expect((await mySessions.GET(apiRequest("GET", "/api/v1/me/sessions", { cookie }))).status).toBe(200);
  });

  it("a super admin who is also a member keeps their workspace and the admin API", async () => {
    const t = await createTestTenant("Owner Admin");
    await getDb().user.update({ where: { id: t.admin.id }, data: { isSuperAdmin: true } });
    const cookie = await signInThroughNextAuth(t.admin.email, t.admin.password);
    const who = await json(await me.GET(apiRequest("GET", "/api/v1/me", { cookie })));
    expect(who.status).toBe(200);
    expect(who.body.data.tenant.id).toBe(t.tenant.id);
    const other = await createTestTenant("Other");
    expect((await suspendReq(cookie, other.tenant.id)).status).toBe(204);
  });

  it("others get 404 from the admin API", async () => {
    const t = await createTestTenant("Nosy");
    expect((await suspendReq(t.admin.cookie, t.tenant.id)).status).toBe(404);
    expect((await getDb().tenant.findUniqueOrThrow({ where: { id: t.tenant.id } })).status).toBe("ACTIVE");
  });
});

describe("suspending and disabling end sessions", () => {
  it("suspension says why while it lasts, and old sessions stay dead after resuming", async () => {
    const root = await createSuperAdmin();
    const rootCookie = (await signInCookie(getDb(), root.id, null)).cookie;
    const t = await createTestTenant("Paused");
    expect((await suspendReq(rootCookie, t.tenant.id)).status).toBe(204);
    const during = await json(await me.GET(apiRequest("GET", "/api/v1/me", { cookie: t.user.cookie })));
    expect(during.status).toBe(403);
    expect(during.body.error.code).toBe("TENANT_SUSPENDED");
    const audit = await getDb().auditLog.findFirstOrThrow({ where: { tenantId: t.tenant.id, action: "tenant.suspend" } });
    expect(audit).toMatchObject({ actorUserId: root.id, metadata: { reason: "Unpaid invoices" } });

    const res = await resume.POST(apiRequest("POST", `/api/v1/admin/tenants/${t.tenant.id}/resume`, { cookie: rootCookie }), params({ id: t.tenant.id }));
    expect(res.status).toBe(204);
    expect((await me.GET(apiRequest("GET", "/api/v1/me", { cookie: t.user.cookie }))).status).toBe(401);
    const fresh = (await signInCookie(getDb(), t.user.id, t.tenant.id)).cookie;
    expect((await me.GET(apiRequest("GET", "/api/v1/me", { cookie: fresh }))).status).toBe(200);
  });

  it("a disabled person is signed out at once", async () => {
    const root = await createSuperAdmin();
    const rootCookie = (await signInCookie(getDb(), root.id, null)).cookie;
    const t = await createTestTenant("Staff");
    const res = await disable.POST(
      apiRequest("POST", `/api/v1/admin/users/${t.user.id}/disable`, { cookie: rootCookie, body: { reason: "Left the company" } }),
      params({ id: t.user.id }),
    );
    expect(res.status).toBe(204);
    expect((await me.GET(apiRequest("GET", "/api/v1/me", { cookie: t.user.cookie }))).status).toBe(401);
    expect((await me.GET(apiRequest("GET", "/api/v1/me", { cookie: t.admin.cookie }))).status).toBe(200);
    expect(await getDb().userSession.count({ where: { userId: t.user.id, revokedAt: null } })).toBe(0);
  });
});
