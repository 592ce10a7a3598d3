// Team invites through the real route handlers: create (link returned without SMTP_URL), accept as a
// new person (account + signed in), accept as an existing user (must be signed in as that email),
// expired / revoked / used links, resend (old link dead), ALREADY_MEMBER, USER role → 403, and another
// tenant's invite id → 404.
import { beforeAll, describe, expect, it } from "vitest";
import * as invites from "./team/invites/route";
import * as inviteItem from "./team/invites/[id]/route";
import * as resend from "./team/invites/[id]/resend/route";
import * as accept from "./team/invites/accept/route";
import * as me from "./me/route";
import { findInvite } from "@/lib/auth/accept-invite";
import { signInCookie } from "@/lib/auth/sessions";
import { getDb } from "@/lib/db/client";
import { apiRequest, createTestTenant, json, params, unique, type TestTenant } from "@/lib/test/factories";

let a: TestTenant;
let b: TestTenant;
const strong = "Plum-Orchard-Quiet-88";

beforeAll(async () => {
  [a, b] = await Promise.all([createTestTenant("Invite A"), createTestTenant("Invite B")]);
});

async function invite(t: TestTenant, email: string, role: "ADMIN" | "USER" = "USER") {
  const res = await json(await invites.POST(apiRequest("POST", "/api/v1/team/invites", { cookie: t.admin.cookie, body: { email, role } })));
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  const link: string = res.body.data.delivery.link;
  return { id: res.body.data.id as string, token: link.split("/invite/")[1]!, body: res.body };
}

const acceptReq = (body: unknown, cookie?: string) => accept.POST(apiRequest("POST", "/api/v1/team/invites/accept", { body, cookie }));
const sessionCookie = (res: Response) => res.headers.getSetCookie().find((c) => c.startsWith("next-auth.session-token="))!.split(";")[0]!;

describe("invites", () => {
  it("creates an invite whose link is shown (no SMTP_URL), lists it, and a new person accepts it", async () => {
    const email = `new-${unique()}@test.example`;
    const { id, token, body } = await invite(a, email.toUpperCase(), "USER");
    expect(body.data).toMatchObject({ email, role: "USER", expired: false, delivery: { via: "link" } });
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // Only the hash is stored.
    const row = await getDb().invite.findUniqueOrThrow({ where: { id } });
    expect(row.tokenHash).not.toContain(token);
    expect(row.expiresAt.getTime() - Date.now()).toBeGreaterThan(6.9 * 86_400_000);

    const list = await json(await invites.GET(apiRequest("GET", "/api/v1/team/invites", { cookie: a.admin.cookie })));
    expect(list.body.data.map((i: { id: string }) => i.id)).toContain(id);
    expect((await findInvite(getDb(), token)).invite).toMatchObject({ workspace: "Invite A", inviter: "Ada Admin", role: "USER", hasAccount: false });

    expect((await json(await acceptReq({ token, name: "Nina New" }))).body.error.code).toBe("VALIDATION_FAILED");
    const res = await acceptReq({ token, name: "Nina New", password: strong });
    expect(res.status).toBe(200);
    const who = await json(await me.GET(apiRequest("GET", "/api/v1/me", { cookie: sessionCookie(res) })));
    expect(who.body.data).toMatchObject({ user: { email, name: "Nina New" }, tenant: { id: a.tenant.id }, role: "USER" });

    // Used: the link is dead, and the invite is no longer pending.
    expect((await json(await acceptReq({ token, name: "Again", password: strong }))).body.error.code).toBe("INVITE_INVALID");
    expect((await findInvite(getDb(), token)).state).toBe("used");
    const after = await json(await invites.GET(apiRequest("GET", "/api/v1/team/invites", { cookie: a.admin.cookie })));
    expect(after.body.data.map((i: { id: string }) => i.id)).not.toContain(id);
    expect(await getDb().auditLog.count({ where: { tenantId: a.tenant.id, action: { in: ["member.invite", "member.join"] }, targetId: { not: null } } })).toBeGreaterThanOrEqual(2);
  });

  it("an existing user must be signed in as the invited email, then joins (and their session moves there)", async () => {
    const { token } = await invite(a, b.admin.email, "ADMIN");
    expect((await findInvite(getDb(), token)).invite?.hasAccount).toBe(true);
    const anon = await json(await acceptReq({ token }));
    expect(anon.status).toBe(401);
    const wrong = await json(await acceptReq({ token }, a.user.cookie));
    expect(wrong.status).toBe(403);
    expect(wrong.body.error.message).toContain(b.admin.email);

    const ok = await acceptReq({ token }, b.admin.cookie);
    expect(ok.status).toBe(200);
    const who = await json(await me.GET(apiRequest("GET", "/api/v1/me", { cookie: b.admin.cookie })));
    expect(who.body.data).toMatchObject({ tenant: { id: a.tenant.id }, role: "ADMIN" });
    expect((await getDb().user.findUniqueOrThrow({ where: { id: b.admin.id } })).lastTenantId).toBe(a.tenant.id);

    // Inviting them again: already a member.
    const again = await json(await invites.POST(apiRequest("POST", "/api/v1/team/invites", { cookie: a.admin.cookie, body: { email: b.admin.email } })));
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe("ALREADY_MEMBER");
  });

  it("refuses expired and revoked links with a clear code; revoking twice is a conflict", async () => {
    const expired = await invite(a, `late-${unique()}@test.example`);
    await getDb().invite.update({ where: { id: expired.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await findInvite(getDb(), expired.token)).state).toBe("expired");
    const late = await json(await acceptReq({ token: expired.token, name: "Late", password: strong }));
    expect(late.status).toBe(410);
    expect(late.body.error).toMatchObject({ code: "INVITE_INVALID", message: expect.stringContaining("expired") });

    const revoked = await invite(a, `gone-${unique()}@test.example`);
    const del = await inviteItem.DELETE(apiRequest("DELETE", `/api/v1/team/invites/${revoked.id}`, { cookie: a.admin.cookie }), params({ id: revoked.id }));
    expect(del.status).toBe(204);
    expect((await json(await acceptReq({ token: revoked.token, name: "Gone", password: strong }))).status).toBe(410);
    const twice = await inviteItem.DELETE(apiRequest("DELETE", `/api/v1/team/invites/${revoked.id}`, { cookie: a.admin.cookie }), params({ id: revoked.id }));
    expect(twice.status).toBe(409);
    expect((await findInvite(getDb(), "x".repeat(43))).state).toBe("unknown");
  });

  it("resend gives a new link and 7 more days; the old link stops working", async () => {
    const first = await invite(a, `again-${unique()}@test.example`);
    await getDb().invite.update({ where: { id: first.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const res = await json(await resend.POST(apiRequest("POST", `/api/v1/team/invites/${first.id}/resend`, { cookie: a.admin.cookie }), params({ id: first.id })));
    expect(res.status).toBe(200);
    expect(res.body.data.expired).toBe(false);
    const newToken = res.body.data.delivery.link.split("/invite/")[1];
    expect(newToken).not.toBe(first.token);
    expect((await findInvite(getDb(), first.token)).state).toBe("unknown");
    expect((await acceptReq({ token: newToken, name: "Second Try", password: strong })).status).toBe(200);
  });

  it("USER role → 403 on invite actions; another tenant's invite id → 404", async () => {
    const { id } = await invite(a, `x-${unique()}@test.example`);
    const asUser = await invites.POST(apiRequest("POST", "/api/v1/team/invites", { cookie: a.user.cookie, body: { email: "y@test.example" } }));
    expect(asUser.status).toBe(403);
    expect((await invites.GET(apiRequest("GET", "/api/v1/team/invites", { cookie: a.user.cookie }))).status).toBe(403);
    expect((await inviteItem.DELETE(apiRequest("DELETE", `/api/v1/team/invites/${id}`, { cookie: a.user.cookie }), params({ id }))).status).toBe(403);

    // A fresh session of B's admin (the one above may have joined A): B is its workspace.
    const cookie = (await signInCookie(getDb(), b.admin.id, b.tenant.id)).cookie;
    expect((await inviteItem.DELETE(apiRequest("DELETE", `/api/v1/team/invites/${id}`, { cookie }), params({ id }))).status).toBe(404);
    expect((await resend.POST(apiRequest("POST", `/api/v1/team/invites/${id}/resend`, { cookie }), params({ id }))).status).toBe(404);
    expect((await getDb().invite.findUniqueOrThrow({ where: { id } })).revokedAt).toBeNull();
    const typo = await invites.POST(apiRequest("POST", "/api/v1/team/invites", { cookie: a.admin.cookie, body: { email: "z@test.example", rol: "ADMIN" } }));
    expect(typo.status).toBe(422);
  });
});
