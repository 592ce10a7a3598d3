// Members, workspace switching and the profile through the real route handlers: the last-admin rule
// (demote, remove, remove yourself), a removed member cut off at once, role changes audited, another
// tenant's member id → 404; switching re-scopes /api/v1 (the other tenant's agents; the first tenant's
// ids 404), a workspace you do not belong to → 404, remembered for the next sign-in; email change.
import { beforeAll, describe, expect, it } from "vitest";
import * as members from "./team/members/route";
import * as member from "./team/members/[id]/route";
import * as agents from "./agents/route";
import * as agent from "./agents/[id]/route";
import * as me from "./me/route";
import * as meTenant from "./me/tenant/route";
import { authenticate } from "@/lib/auth/authenticate";
import { signInCookie } from "@/lib/auth/sessions";
import { getDb } from "@/lib/db/client";
import { apiRequest, createTestTenant, json, params, unique, validAgentInput, type TestTenant } from "@/lib/test/factories";

let a: TestTenant;
let b: TestTenant;
beforeAll(async () => {
  [a, b] = await Promise.all([createTestTenant("Members A"), createTestTenant("Members B")]);
});

type Member = { id: string; userId: string; role: string; you: boolean };
const list = async (cookie: string): Promise<Member[]> => (await json(await members.GET(apiRequest("GET", "/api/v1/team/members", { cookie })))).body.data;
const patch = (cookie: string, id: string, role: string) => member.PATCH(apiRequest("PATCH", `/api/v1/team/members/${id}`, { cookie, body: { role } }), params({ id }));
const remove = (cookie: string, id: string) => member.DELETE(apiRequest("DELETE", `/api/v1/team/members/${id}`, { cookie }), params({ id }));
const agentCount = async (cookie: string) => (await agents.GET(apiRequest("GET", "/api/v1/agents", { cookie }))).status;

describe("members", () => {
  it("pages the list with cursors, newest first, and every member appears once", async () => {
    const first = await json(await members.GET(apiRequest("GET", "/api/v1/team/members?limit=1", { cookie: a.admin.cookie })));
    expect(first.status).toBe(200);
    expect(first.body.data).toHaveLength(1);
    expect(first.body.next_cursor).toEqual(expect.any(String));
    const next = await json(await members.GET(apiRequest("GET", `/api/v1/team/members?limit=1&cursor=${encodeURIComponent(first.body.next_cursor)}`, { cookie: a.admin.cookie })));
    expect(next.body.data).toHaveLength(1);
    expect(next.body.data[0].id).not.toBe(first.body.data[0].id);
    expect((await list(a.admin.cookie)).map((m) => m.id)).toEqual([first.body.data[0].id, next.body.data[0].id]);
    expect((await members.GET(apiRequest("GET", "/api/v1/team/members?limit=0", { cookie: a.admin.cookie }))).status).toBe(422);
  });

  it("keeps the last admin: no demoting or removing them, themselves included; after a promotion it is allowed", async () => {
    const t = await createTestTenant("Last Admin");
    const all = await list(t.admin.cookie);
    expect(all).toHaveLength(2);
    const self = all.find((m) => m.you)!;
    const other = all.find((m) => !m.you)!;
    for (const res of [await patch(t.admin.cookie, self.id, "USER"), await remove(t.admin.cookie, self.id)]) {
      expect(res.status).toBe(409);
      expect((await json(res)).body.error.code).toBe("LAST_ADMIN");
    }
    expect((await patch(t.user.cookie, self.id, "USER")).status).toBe(403); // a USER cannot change roles at all

    expect((await json(await patch(t.admin.cookie, other.id, "ADMIN"))).body.data).toMatchObject({ role: "ADMIN" });
    expect((await patch(t.admin.cookie, self.id, "USER")).status).toBe(200);
    // The promoted one is now the last admin.
    expect((await json(await remove(t.user.cookie, other.id))).body.error.code).toBe("LAST_ADMIN");
    const audit = await getDb().auditLog.findMany({ where: { tenantId: t.tenant.id, action: "member.role_change" }, select: { metadata: true } });
    expect(audit.map((e) => e.metadata)).toEqual(expect.arrayContaining([expect.objectContaining({ from: "USER", to: "ADMIN" })]));
  });

  it("a removed member loses access at once; another tenant's member id is a 404", async () => {
    const t = await createTestTenant("Removal");
    const userRow = (await list(t.admin.cookie)).find((m) => !m.you)!;
    expect((await remove(b.admin.cookie, userRow.id)).status).toBe(404);
    expect((await patch(b.admin.cookie, userRow.id, "ADMIN")).status).toBe(404);
    expect(await agentCount(t.user.cookie)).toBe(200);

    expect((await remove(t.admin.cookie, userRow.id)).status).toBe(204);
    expect(await agentCount(t.user.cookie)).toBe(401);
    expect(await getDb().auditLog.count({ where: { tenantId: t.tenant.id, action: "member.remove", targetId: userRow.id } })).toBe(1);
  });
});

describe("switching workspace", () => {
  it("re-scopes /api/v1 to the other tenant, 404s the first tenant's ids, and is remembered at sign-in", async () => {
    const agentA = (await json(await agents.POST(apiRequest("POST", "/api/v1/agents", { cookie: a.admin.cookie, body: validAgentInput({ name: "A agent" }) })))).body.data;
    await agents.POST(apiRequest("POST", "/api/v1/agents", { cookie: b.admin.cookie, body: validAgentInput({ name: "B agent" }) }));
    // a's plain user also joins B.
    await getDb().membership.create({ data: { tenantId: b.tenant.id, userId: a.user.id, role: "USER" } });
    const cookie = (await signInCookie(getDb(), a.user.id, a.tenant.id)).cookie;

    const ws = await json(await meTenant.GET(apiRequest("GET", "/api/v1/me/tenant", { cookie })));
    expect(ws.body.data.map((w: { id: string; current: boolean }) => [w.id, w.current])).toEqual(
      expect.arrayContaining([[a.tenant.id, true], [b.tenant.id, false]]),
    );

    const other = await createTestTenant("Not Yours");
    const refused = await meTenant.POST(apiRequest("POST", "/api/v1/me/tenant", { cookie, body: { tenantId: other.tenant.id } }));
    expect(refused.status).toBe(404);
    expect((await meTenant.POST(apiRequest("POST", "/api/v1/me/tenant", { cookie, body: { tenantId: b.tenant.id, x: 1 } }))).status).toBe(422);

    const switched = await json(await meTenant.POST(apiRequest("POST", "/api/v1/me/tenant", { cookie, body: { tenantId: b.tenant.id } })));
    expect(switched.body.data).toMatchObject({ id: b.tenant.id, role: "USER" });
    const names = (await json(await agents.GET(apiRequest("GET", "/api/v1/agents", { cookie })))).body.data.map((x: { name: string }) => x.name);
    expect(names).toContain("B agent");
    expect(names).not.toContain("A agent");
    expect((await agent.GET(apiRequest("GET", `/api/v1/agents/${agentA.id}`, { cookie }), params({ id: agentA.id }))).status).toBe(404);
    expect((await json(await me.GET(apiRequest("GET", "/api/v1/me", { cookie })))).body.data.tenant.id).toBe(b.tenant.id);
    // Other sessions of the same person are not moved.
    expect((await json(await me.GET(apiRequest("GET", "/api/v1/me", { cookie: a.user.cookie })))).body.data.tenant.id).toBe(a.tenant.id);

    const signedIn = await authenticate(getDb(), { email: a.user.email, password: a.user.password }, "203.0.113.77");
    expect(signedIn?.tenantId).toBe(b.tenant.id);

    // Removed from B while working in it: that session loses B at once.
    const membership = await getDb().membership.findFirstOrThrow({ where: { tenantId: b.tenant.id, userId: a.user.id } });
    expect((await remove(b.admin.cookie, membership.id)).status).toBe(204);
    expect(await agentCount(cookie)).toBe(401);
  });
});

describe("profile", () => {
  it("changes the name freely, the email only with the current password, never to a taken one", async () => {
    const t = await createTestTenant("Profile");
    const send = (body: unknown) => me.PATCH(apiRequest("PATCH", "/api/v1/me", { cookie: t.user.cookie, body }));
    expect((await json(await send({ name: "Uma Updated" }))).body.data).toMatchObject({ name: "Uma Updated", email: t.user.email });

    const email = `moved-${unique()}@test.example`;
    const noPw = await json(await send({ email }));
    expect([noPw.status, noPw.body.error.field]).toEqual([422, "currentPassword"]);
    expect((await json(await send({ email, currentPassword: "wrong-password-1" }))).status).toBe(422);
    const taken = await json(await send({ email: t.admin.email.toUpperCase(), currentPassword: t.user.password }));
    expect([taken.status, taken.body.error.code]).toEqual([409, "EMAIL_TAKEN"]);
    expect((await send({ emial: email })).status).toBe(422);

    const ok = await json(await send({ email, currentPassword: t.user.password }));
    expect(ok.body.data.email).toBe(email);
    expect(await authenticate(getDb(), { email, password: t.user.password }, "203.0.113.78")).not.toBeNull();
    expect(await getDb().auditLog.count({ where: { actorUserId: t.user.id, action: "user.email_change" } })).toBe(1);
  });
});
