// API keys through the routes: create (shown once, stored hashed, audited), use with Bearer (no CSRF,
// acts as an admin, lastUsedAt at most once a minute), list, revoke (401 API_KEY_REVOKED), a suspended
// workspace (401 TENANT_SUSPENDED), and the per-key / per-session rate limits (429 + Retry-After).
import { createHash } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import * as keys from "./api-keys/route";
import * as key from "./api-keys/[id]/route";
import * as agents from "./agents/route";
import { getDb } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { resolveApiKey } from "@/lib/tenant/resolve-api-key";
import { apiKeyLimit, sessionLimit } from "@/lib/tenant/api-rate-limit";
import { apiRequest, createTestTenant, json, params, validAgentInput, type TestTenant } from "@/lib/test/factories";

let a: TestTenant;
let b: TestTenant;

beforeAll(async () => {
  [a, b] = await Promise.all([createTestTenant("Keys A"), createTestTenant("Keys B")]);
});

const bearer = (k: string) => ({ authorization: `Bearer ${k}` });
const create = async (t: TestTenant, name: string) => json(await keys.POST(apiRequest("POST", "/api/v1/api-keys", { cookie: t.admin.cookie, body: { name } })));

describe("API keys", () => {
  it("are shown once, stored as a hash with a visible prefix, and audited", async () => {
    const made = await create(a, "Zapier");
    expect(made.status).toBe(201);
    const { key: secret, ...shown } = made.body.data;
    expect(secret).toMatch(/^fd_live_[A-Za-z0-9_-]{43}$/);
    expect(shown).toMatchObject({ name: "Zapier", prefix: secret.slice(0, 14), createdBy: { id: a.admin.id, name: "Ada Admin" }, lastUsedAt: null, revokedAt: null });
    const row = await getDb().apiKey.findUniqueOrThrow({ where: { id: shown.id } });
    expect(row.keyHash).toBe(createHash("sha256").update(secret).digest("hex"));
    expect(JSON.stringify(row)).not.toContain(secret.slice(14));
    const list = await json(await keys.GET(apiRequest("GET", "/api/v1/api-keys", { cookie: a.admin.cookie })));
    expect(list.body.data.map((k: { id: string }) => k.id)).toContain(shown.id);
    expect(JSON.stringify(list.body)).not.toContain(secret);
    expect(list.body.data[0]).not.toHaveProperty("key");
    const audit = await getDb().auditLog.findFirstOrThrow({ where: { tenantId: a.tenant.id, action: "api_key.create", targetId: shown.id } });
    expect(audit.actorUserId).toBe(a.admin.id);
  });

  it("work as Bearer on /api/v1 as an admin of their workspace, without the CSRF check", async () => {
    const secret = (await create(a, "CI")).body.data.key;
    // No cookie, no Origin: a server-to-server call.
    const made = await json(await agents.POST(apiRequest("POST", "/api/v1/agents", { origin: null, headers: bearer(secret), body: validAgentInput({ name: "By key" }) })));
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    const row = await getDb().agent.findUniqueOrThrow({ where: { id: made.body.data.id } });
    expect(row.tenantId).toBe(a.tenant.id);
    // Audited as the key, not as a person.
    const audit = await getDb().auditLog.findFirstOrThrow({ where: { tenantId: a.tenant.id, action: "agent.create", targetId: row.id } });
    expect(audit).toMatchObject({ actorUserId: null, actorApiKeyId: expect.any(String) });
    // The key, not the cookie, decides: B's admin cookie beside A's key still acts in A.
    const listed = await json(await agents.GET(apiRequest("GET", "/api/v1/agents", { cookie: b.admin.cookie, headers: bearer(secret) })));
    expect(listed.body.data.map((x: { id: string }) => x.id)).toContain(row.id);
  });

  it("refuse malformed and unknown keys with INVALID_API_KEY, and never manage keys", async () => {
    for (const header of ["Bearer", "Bearer fd_live_short", `Bearer fd_live_${"x".repeat(43)}`]) {
      const res = await json(await agents.GET(apiRequest("GET", "/api/v1/agents", { headers: { authorization: header } })));
      expect([res.status, res.body.error.code]).toEqual([401, "INVALID_API_KEY"]);
    }
    const secret = (await create(a, "Leaky")).body.data.key;
    const minted = await json(await keys.POST(apiRequest("POST", "/api/v1/api-keys", { headers: bearer(secret), body: { name: "more" } })));
    expect([minted.status, minted.body.error.code]).toEqual([403, "FORBIDDEN"]);
    // A Basic header (a proxy's password prompt) is not a key: the session beside it still works.
    const basic = await agents.GET(apiRequest("GET", "/api/v1/agents", { cookie: a.admin.cookie, headers: { authorization: "Basic dTpw" } }));
    expect(basic.status).toBe(200);
  });

  it("stamp lastUsedAt at most once a minute", async () => {
    const secret = (await create(a, "Clock")).body.data.key;
    const db = getDb();
    const t0 = new Date("2026-12-01T10:00:00Z");
    await resolveApiKey(db, secret, t0);
    await resolveApiKey(db, secret, new Date(t0.getTime() + 30_000));
    const id = (await db.apiKey.findFirstOrThrow({ where: { name: "Clock" } })).id;
    expect((await db.apiKey.findUniqueOrThrow({ where: { id } })).lastUsedAt).toEqual(t0);
    const t1 = new Date(t0.getTime() + 61_000);
    await resolveApiKey(db, secret, t1);
    expect((await db.apiKey.findUniqueOrThrow({ where: { id } })).lastUsedAt).toEqual(t1);
  });

  it("stop working once revoked (401 API_KEY_REVOKED); revoking is admins' and in-workspace only", async () => {
    const made = (await create(a, "Temp")).body.data;
    const asUser = await json(await key.DELETE(apiRequest("DELETE", `/api/v1/api-keys/${made.id}`, { cookie: a.user.cookie }), params({ id: made.id })));
    expect(asUser.status).toBe(403);
    const fromB = await json(await key.DELETE(apiRequest("DELETE", `/api/v1/api-keys/${made.id}`, { cookie: b.admin.cookie }), params({ id: made.id })));
    expect(fromB.status).toBe(404);
    const revoked = await json(await key.DELETE(apiRequest("DELETE", `/api/v1/api-keys/${made.id}`, { cookie: a.admin.cookie }), params({ id: made.id })));
    expect(revoked.status).toBe(200);
    expect(revoked.body.data.revokedAt).not.toBeNull();
    const used = await json(await agents.GET(apiRequest("GET", "/api/v1/agents", { headers: bearer(made.key) })));
    expect([used.status, used.body.error.code]).toEqual([401, "API_KEY_REVOKED"]);
    expect(await getDb().auditLog.count({ where: { tenantId: a.tenant.id, action: "api_key.revoke", targetId: made.id } })).toBe(1);
  });

  it("answer 401 TENANT_SUSPENDED while their workspace is suspended", async () => {
    const secret = (await create(b, "B key")).body.data.key;
    await getDb().tenant.update({ where: { id: b.tenant.id }, data: { status: "SUSPENDED" } });
    try {
      const res = await json(await agents.GET(apiRequest("GET", "/api/v1/agents", { headers: bearer(secret) })));
      expect([res.status, res.body.error.code]).toEqual([401, "TENANT_SUSPENDED"]);
    } finally {
      await getDb().tenant.update({ where: { id: b.tenant.id }, data: { status: "ACTIVE" } });
    }
  });
});

describe("rate limits", () => {
  // The minute's budget spent by earlier requests: the bucket as those requests would have left it.
  const spent = (name: string, subject: string, count: number) =>
    getDb().rateLimitBucket.upsert({
      where: { key: `${name}:${subject}` },
      create: { key: `${name}:${subject}`, count, windowStart: new Date() },
      update: { count, windowStart: new Date() },
    });

  it("answer 429 with Retry-After once a key has spent its minute", async () => {
    const made = (await create(a, "Busy")).body.data;
    expect((await agents.GET(apiRequest("GET", "/api/v1/agents", { headers: bearer(made.key) }))).status).toBe(200);
    await spent(apiKeyLimit().name, made.id, getEnv().API_RATE_LIMIT_PER_KEY);
    const res = await agents.GET(apiRequest("GET", "/api/v1/agents", { headers: bearer(made.key) }));
    expect(res.status).toBe(429);
    expect((await res.json()).error.code).toBe("THROTTLED");
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(Number(res.headers.get("retry-after"))).toBeLessThanOrEqual(60);
    // Another key of the same workspace has its own budget.
    const other = (await create(a, "Calm")).body.data.key;
    expect((await agents.GET(apiRequest("GET", "/api/v1/agents", { headers: bearer(other) }))).status).toBe(200);
  });

  it("answer 429 with Retry-After once a session has spent its minute", async () => {
    const { signInCookie } = await import("@/lib/auth/sessions");
    const { claims, cookie } = await signInCookie(getDb(), b.user.id, b.tenant.id);
    await spent(sessionLimit().name, claims.sessionId, getEnv().API_RATE_LIMIT_PER_SESSION);
    const res = await agents.GET(apiRequest("GET", "/api/v1/agents", { cookie }));
    expect(res.status).toBe(429);
    expect(res.headers.get("retry-after")).toMatch(/^\d+$/);
  });
});
