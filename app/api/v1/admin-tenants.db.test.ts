// The super admin's cockpit over HTTP handlers: every admin API is a 404 for anyone else, the tenants
// table counts right, plan/limit changes land and are audited (with where from), and the audit log is
// the platform's for super admins and one workspace's own for its admins only.
import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import * as tenants from "./admin/tenants/route";
import * as tenant from "./admin/tenants/[id]/route";
import * as suspend from "./admin/tenants/[id]/suspend/route";
import * as resume from "./admin/tenants/[id]/resume/route";
import * as disable from "./admin/users/[id]/disable/route";
import * as platformAudit from "./admin/audit/route";
import * as audit from "./audit/route";
import { signInCookie } from "@/lib/auth/sessions";
import { getDb } from "@/lib/db/client";
import { PLAN_QUOTAS } from "@/lib/billing/plans";
import { createAgent } from "@/lib/agents/service";
import { agentCreateSchema } from "@/lib/agents/schemas";
import { userScope } from "@/lib/tenant/scope";
import { apiRequest, createTestCall, createTestTenant, json, params, unique, validAgentInput, type TestTenant } from "@/lib/test/factories";

const db = () => getDb();
let root: { id: string; cookie: string };
let a: TestTenant;
let b: TestTenant;
let tag: string;

beforeAll(async () => {
  const user = await db().user.create({ data: { email: `root-${unique()}@test.example`, name: "Root", passwordHash: "x", isSuperAdmin: true } });
  root = { id: user.id, cookie: (await signInCookie(db(), user.id, null)).cookie };
  tag = `Cockpit${randomBytes(4).toString("hex")}`;
  [a, b] = await Promise.all([createTestTenant(`${tag} Alpha`), createTestTenant(`${tag} Beta`)]);
  // Alpha: 2 members, 2 agents, 1 number, 2 calls this month (60 s + 90 s) and one last month.
  const scope = userScope({ tenantId: a.tenant.id, role: "ADMIN", userId: a.admin.id });
  for (const name of ["First", "Second"]) await createAgent(scope, agentCreateSchema.parse(validAgentInput({ name })));
  await db().phoneNumber.create({ data: { tenantId: a.tenant.id, e164: `+1555${Math.floor(1e6 + Math.random() * 8e6)}` } });
  const now = new Date();
  const lastMonth = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 15));
  await createTestCall(a.tenant.id, { durationSec: 60, startedAt: now });
  await createTestCall(a.tenant.id, { durationSec: 90, startedAt: now });
  await createTestCall(a.tenant.id, { durationSec: 600, startedAt: lastMonth });
});

const get = (handler: typeof tenants.GET, path: string, cookie: string, p?: object) => handler(apiRequest("GET", path, { cookie }), p ? params(p) : undefined);

describe("only super admins reach the admin API", () => {
  it("answers 404 on every admin route to a workspace admin, and changes nothing", async () => {
    const id = b.tenant.id;
    const cookie = a.admin.cookie;
    const calls = [
      get(tenants.GET, "/api/v1/admin/tenants", cookie),
      get(tenant.GET, `/api/v1/admin/tenants/${id}`, cookie, { id }),
      tenant.PATCH(apiRequest("PATCH", `/api/v1/admin/tenants/${id}`, { cookie, body: { plan: "ENTERPRISE" } }), params({ id })),
      suspend.POST(apiRequest("POST", `/api/v1/admin/tenants/${id}/suspend`, { cookie, body: { reason: "x" } }), params({ id })),
      resume.POST(apiRequest("POST", `/api/v1/admin/tenants/${id}/resume`, { cookie }), params({ id })),
      disable.POST(apiRequest("POST", `/api/v1/admin/users/${b.user.id}/disable`, { cookie, body: {} }), params({ id: b.user.id })),
      get(platformAudit.GET, "/api/v1/admin/audit", cookie),
    ];
    expect((await Promise.all(calls)).map((r) => r.status)).toEqual([404, 404, 404, 404, 404, 404, 404]);
    expect(await db().tenant.findUniqueOrThrow({ where: { id }, select: { plan: true, status: true } })).toEqual({ plan: "FREE", status: "ACTIVE" });
  });
});

describe("tenants table", () => {
  it("lists both workspaces with grouped counts and this month's calls and minutes", async () => {
    const res = await json(await get(tenants.GET, `/api/v1/admin/tenants?q=${tag}&sort=name&order=asc`, root.cookie));
    expect(res.status).toBe(200);
    expect(res.body.data.map((t: { name: string }) => t.name)).toEqual([`${tag} Alpha`, `${tag} Beta`]);
    expect(res.body.data[0]).toMatchObject({ id: a.tenant.id, plan: "FREE", status: "ACTIVE", members: 2, agents: 2, phoneNumbers: 1, callsThisMonth: 2, minutesThisMonth: 2.5 });
    expect(res.body.data[1]).toMatchObject({ id: b.tenant.id, members: 2, agents: 0, phoneNumbers: 0, callsThisMonth: 0, minutesThisMonth: 0 });
  });

  it("pages by cursor in the chosen sort, and refuses a cursor of another sort", async () => {
    const first = await json(await get(tenants.GET, `/api/v1/admin/tenants?q=${tag}&sort=minutes&limit=1`, root.cookie));
    expect(first.body.data.map((t: { id: string }) => t.id)).toEqual([a.tenant.id]);
    const second = await json(await get(tenants.GET, `/api/v1/admin/tenants?q=${tag}&sort=minutes&limit=1&cursor=${first.body.next_cursor}`, root.cookie));
    expect(second.body.data.map((t: { id: string }) => t.id)).toEqual([b.tenant.id]);
    expect(second.body.next_cursor).toBeNull();
    const wrong = await json(await get(tenants.GET, `/api/v1/admin/tenants?q=${tag}&sort=name&limit=1&cursor=${first.body.next_cursor}`, root.cookie));
    expect(wrong.status).toBe(422);
    expect((await get(tenants.GET, "/api/v1/admin/tenants?sortt=name", root.cookie)).status).toBe(422);
  });
});

describe("tenant page and plan changes", () => {
  it("shows details, members and usage; a plan change brings the plan's limits, overrides win, and it is audited", async () => {
    const detail = await json(await get(tenant.GET, `/api/v1/admin/tenants/${a.tenant.id}`, root.cookie, { id: a.tenant.id }));
    expect(detail.body.data).toMatchObject({ id: a.tenant.id, counts: { members: 2, agents: 2, phoneNumbers: 1 }, usage: { calls: 2, minutes: 2.5 } });
    expect(detail.body.data.members.map((m: { role: string }) => m.role).sort()).toEqual(["ADMIN", "USER"]);

    const body = { plan: "GROWTH", limits: { maxAgents: 42 } };
    const headers = { "user-agent": "CockpitTest/1.0" };
    const res = await json(await tenant.PATCH(apiRequest("PATCH", `/api/v1/admin/tenants/${a.tenant.id}`, { cookie: root.cookie, body, headers }), params({ id: a.tenant.id })));
    expect(res.status).toBe(200);
    expect(res.body.data.plan).toBe("GROWTH");
    expect(res.body.data.limits).toEqual({ ...PLAN_QUOTAS.GROWTH, maxAgents: 42 });
    const entry = await db().auditLog.findFirstOrThrow({ where: { tenantId: a.tenant.id, action: "tenant.plan_change" } });
    expect(entry).toMatchObject({ actorUserId: root.id, userAgent: "CockpitTest/1.0", metadata: { plan: { from: "FREE", to: "GROWTH" } } });

    const typo = await tenant.PATCH(apiRequest("PATCH", `/api/v1/admin/tenants/${a.tenant.id}`, { cookie: root.cookie, body: { limits: { maxAgentz: 1 } } }), params({ id: a.tenant.id }));
    expect(typo.status).toBe(422);
    const missing = await tenant.PATCH(apiRequest("PATCH", "/api/v1/admin/tenants/nope", { cookie: root.cookie, body: { plan: "FREE" } }), params({ id: "nope" }));
    expect(missing.status).toBe(404);
  });
});

describe("audit log visibility", () => {
  beforeAll(async () => {
    // An entry in each workspace, written through the admin API (suspend + resume of Beta).
    await suspend.POST(apiRequest("POST", `/api/v1/admin/tenants/${b.tenant.id}/suspend`, { cookie: root.cookie, body: { reason: "Audit check" } }), params({ id: b.tenant.id }));
    await resume.POST(apiRequest("POST", `/api/v1/admin/tenants/${b.tenant.id}/resume`, { cookie: root.cookie }), params({ id: b.tenant.id }));
    await db().auditLog.create({ data: { tenantId: a.tenant.id, actorUserId: a.admin.id, action: "agent.delete", targetType: "agent", targetId: "gone" } });
  });

  it("a workspace admin sees their own workspace's entries only; a user gets 403", async () => {
    const own = await json(await get(audit.GET, "/api/v1/audit?limit=200", a.admin.cookie));
    expect(own.status).toBe(200);
    expect(own.body.data.length).toBeGreaterThan(0);
    expect(own.body.data.every((e: { tenant: { id: string } }) => e.tenant.id === a.tenant.id)).toBe(true);
    expect(own.body.data.some((e: { action: string }) => e.action === "agent.delete")).toBe(true);
    // A filter naming the other workspace's actor still reads only this workspace's entries.
    const foreign = await json(await get(audit.GET, `/api/v1/audit?actor=${root.id}&action=tenant.suspend`, a.admin.cookie));
    expect(foreign.body.data).toEqual([]);
    expect((await get(audit.GET, "/api/v1/audit", a.user.cookie)).status).toBe(403);
    expect((await get(audit.GET, "/api/v1/audit?tenant=x", a.admin.cookie)).status).toBe(422);
  });

  it("a super admin sees every workspace's entries and filters by workspace, actor and action", async () => {
    const all = await json(await get(platformAudit.GET, `/api/v1/admin/audit?actor=${root.id}&limit=200`, root.cookie));
    const tenantsSeen = new Set(all.body.data.map((e: { tenant: { id: string } | null }) => e.tenant?.id));
    expect(tenantsSeen).toEqual(new Set([a.tenant.id, b.tenant.id]));
    const beta = await json(await get(platformAudit.GET, `/api/v1/admin/audit?tenant=${b.tenant.id}&actor=${root.id}&action=tenant.`, root.cookie));
    expect(beta.body.data.map((e: { action: string }) => e.action)).toEqual(["tenant.resume", "tenant.suspend"]);
    expect(beta.body.data[1]).toMatchObject({ actor: { type: "user", id: root.id }, metadata: { reason: "Audit check" } });
    const paged = await json(await get(platformAudit.GET, `/api/v1/admin/audit?tenant=${b.tenant.id}&actor=${root.id}&action=tenant.&limit=1`, root.cookie));
    const next = await json(await get(platformAudit.GET, `/api/v1/admin/audit?tenant=${b.tenant.id}&actor=${root.id}&action=tenant.&limit=1&cursor=${paged.body.next_cursor}`, root.cookie));
    expect([...paged.body.data, ...next.body.data].map((e: { action: string }) => e.action)).toEqual(["tenant.resume", "tenant.suspend"]);
  });
});
