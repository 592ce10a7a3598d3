// Every /api/v1 route × every credential that must not work: no credentials, a revoked key, another
// workspace's key, a plain member's session on admin-only routes. The route list is read from the
// source tree (lib/test/api-routes.ts), so a new route is in the matrix the moment it exists.
import { beforeAll, describe, expect, it } from "vitest";
import { createApiKey, revokeApiKey } from "@/lib/api-keys/service";
import { getDb } from "@/lib/db/client";
import { apiV1Routes, type ApiOperation, type ApiRoute } from "@/lib/test/api-routes";
import { apiRequest, createTestCall, createTestTenant, json, type TestTenant } from "@/lib/test/factories";
import type { TenantScope } from "@/lib/tenant/scope";

type Cred = { cookie?: string; key?: string };
type Module = Record<string, (req: Request, ctx?: { params: Promise<Record<string, string>> }) => Promise<Response>>;

let a: TestTenant;
let b: TestTenant;
let revokedKeyA: string;
let liveKeyB: string;
/** A's own rows by the route's first segments, so another tenant's key is tried on real ids. */
const idsOfA = new Map<string, string>();
const MISSING_ID = "zzzzzzzzzzzzzzzzzzzzzzzz";

const routes = apiV1Routes();
const adminScope = (t: TestTenant): TenantScope => ({ tenantId: t.tenant.id, role: "ADMIN", actor: { userId: t.admin.id } });

beforeAll(async () => {
  [a, b] = await Promise.all([createTestTenant("Matrix A"), createTestTenant("Matrix B")]);
  const revoked = await createApiKey(adminScope(a), { name: "old integration" });
  await revokeApiKey(adminScope(a), revoked.apiKey.id);
  revokedKeyA = revoked.key;
  liveKeyB = (await createApiKey(adminScope(b), { name: "B integration" })).key;
  const db = getDb();
  const tenantId = a.tenant.id;
  const agent = await db.agent.create({ data: { tenantId, name: "A", greeting: "Hi", systemPrompt: "Be kind", businessHours: {} } });
  const call = await createTestCall(tenantId, { agentId: agent.id });
  idsOfA.set("agents", agent.id);
  idsOfA.set("calls", call.id);
  idsOfA.set("phone-numbers", (await db.phoneNumber.create({ data: { tenantId, e164: `+1555077${String(Date.now() % 10_000).padStart(4, "0")}` } })).id);
  idsOfA.set("messages", (await db.message.create({ data: { tenantId, body: "Call back" } })).id);
  idsOfA.set("knowledge/documents", (await db.knowledgeDocument.create({ data: { tenantId, title: "Doc", source: "TEXT" } })).id);
  idsOfA.set("knowledge/faqs", (await db.faqEntry.create({ data: { tenantId, question: "Q?", answer: "A." } })).id);
  idsOfA.set("api-keys", revoked.apiKey.id);
});

// Bodies for the routes that validate before they look the id up (the lookup is what is under test).
const VALID_BODIES: Record<string, unknown> = { "PATCH /api/v1/messages/{id}": { status: "READ" } };

function idFor(route: ApiRoute): string {
  const segments = route.path.replace("/api/v1/", "").split("/{")[0]!;
  return idsOfA.get(segments) ?? MISSING_ID;
}

async function call(route: ApiRoute, op: ApiOperation, cred: Cred) {
  const mod = (await import(`@/${route.file.replace(/\.ts$/, "")}`)) as Module;
  const id = idFor(route);
  const url = route.path.replace(/\{\w+\}/g, id);
  const headers: Record<string, string> = cred.key ? { authorization: `Bearer ${cred.key}` } : {};
  const body = op.method === "GET" || op.method === "DELETE" ? undefined : (VALID_BODIES[`${op.method} ${route.path}`] ?? {});
  const req = apiRequest(op.method, url, { cookie: cred.cookie, headers, body });
  return json(await mod[op.method]!(req, { params: Promise.resolve({ id }) }));
}

const cases = routes.flatMap((r) => r.operations.filter((op) => op.guard !== "withPublic").map((op) => [`${op.method} ${r.path}`, r, op] as const));

describe("the /api/v1 auth matrix", () => {
  it("reads the route table (the scan looks in the right place)", () => {
    expect(cases.length).toBeGreaterThan(30);
    expect(cases.some(([, , op]) => op.guard === "withTenant" && op.adminOnly)).toBe(true);
  });

  it.each(cases)("%s: no credentials → 401", async (_name, route, op) => {
    const res = await call(route, op, {});
    expect(res.status, JSON.stringify(res.body)).toBe(401);
    expect(res.body.error.code).toBe("UNAUTHENTICATED");
  });

  it.each(cases)("%s: a revoked key → 401 API_KEY_REVOKED, or refused where keys never work", async (_name, route, op) => {
    const res = await call(route, op, { key: revokedKeyA });
    const expected = { withTenant: [401, "API_KEY_REVOKED"], withSuperAdmin: [404, "NOT_FOUND"] }[op.guard as string] ?? [403, "FORBIDDEN"];
    expect([res.status, res.body.error.code], JSON.stringify(res.body)).toEqual(expected);
  });

  it.each(cases.filter(([, r]) => r.path.includes("{")))("%s: another workspace's key on this workspace's id → 404, or refused", async (_name, route, op) => {
    const res = await call(route, op, { key: liveKeyB });
    // VOICE_NOT_FOUND and the like: a 404 of that resource's own kind.
    const expected = op.guard === "withTenant" || op.guard === "withSuperAdmin" ? [404, expect.stringMatching(/NOT_FOUND$/)] : [403, "FORBIDDEN"];
    expect([res.status, res.body.error.code], JSON.stringify(res.body)).toEqual(expected);
  });

  it.each(cases.filter(([, , op]) => op.adminOnly))("%s: a member (USER) session → 403", async (_name, route, op) => {
    const res = await call(route, op, { cookie: a.user.cookie });
    expect([res.status, res.body.error.code], JSON.stringify(res.body)).toEqual([403, "FORBIDDEN"]);
  });

  it("a key of the workspace works where keys do, as an admin", async () => {
    const agentsRoute = routes.find((r) => r.path === "/api/v1/agents")!;
    const keyB = await call(agentsRoute, { method: "GET", guard: "withTenant", adminOnly: false }, { key: liveKeyB });
    expect(keyB.status).toBe(200);
    expect(keyB.body).toMatchObject({ data: [], next_cursor: null });
  });
});
