// POST /api/v1/knowledge/documents/import through the real route: addresses the server must not fetch
// are refused before anything is stored (literal forms here; names resolving to private addresses are
// covered with an injected resolver through the service and in lib/knowledge/url-safety.test.ts).
import { beforeAll, describe, expect, it } from "vitest";
import * as importRoute from "./knowledge/documents/import/route";
import * as agents from "./agents/route";
import { getDb } from "@/lib/db/client";
import { importWebPage } from "@/lib/knowledge/service";
import type { TenantScope } from "@/lib/tenant/scope";
import { apiRequest, createTestTenant, json, validAgentInput, type TestTenant } from "@/lib/test/factories";

let a: TestTenant;
let b: TestTenant;
const PATH = "/api/v1/knowledge/documents/import";
// A public address written as a literal, so no resolver is asked (tests run offline).
const PUBLIC = "93.184.216.34";

const send = (t: TestTenant, body: unknown, cookie = t.admin.cookie) => importRoute.POST(apiRequest("POST", PATH, { cookie, body })).then(json);
const scopeOf = (t: TestTenant): TenantScope => ({ tenantId: t.tenant.id, role: "ADMIN", actor: { userId: t.admin.id } });

beforeAll(async () => {
  [a, b] = await Promise.all([createTestTenant("Import A"), createTestTenant("Import B")]);
});

describe("POST /api/v1/knowledge/documents/import", () => {
  it("queues a public page as a URL document and enqueues its processing", async () => {
    const res = await send(a, { url: `https://${PUBLIC}/pricing/#plans`, language: "en-GB" });
    expect(res.status).toBe(201);
    expect(res.body.data).toMatchObject({ source: "URL", sourceUrl: `https://${PUBLIC}/pricing/`, title: `${PUBLIC}/pricing`, status: "QUEUED", language: "en-GB", allAgents: true });
    const jobs = await getDb().job.findMany({ where: { name: "knowledge.process-document" } });
    expect(jobs.filter((j) => (j.payload as { documentId?: string }).documentId === res.body.data.id)).toHaveLength(1);
  });

  it("reports the same address imported twice, per tenant", async () => {
    const url = `http://${PUBLIC}:8080/faq`;
    const first = await send(a, { url, title: "Our FAQ" });
    expect(first.status).toBe(201);
    const again = await send(a, { url });
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: "DUPLICATE_DOCUMENT", existing: { id: first.body.data.id, title: "Our FAQ" } });
    expect((await send(b, { url })).status).toBe(201);
  });

  it("refuses loopback, private, link-local and metadata addresses with 400 UNSAFE_URL", async () => {
    const cases: [string, RegExp][] = [
      ["http://127.0.0.1/", /loopback/],
      ["http://[::1]:3000/", /loopback/],
      ["http://localhost:3000/admin", /internal name/],
      ["http://169.254.169.254/latest/meta-data/", /metadata/],
      ["http://metadata.google.internal/computeMetadata/v1/", /internal name/],
      ["http://10.0.0.8/", /private network/],
      ["http://192.168.1.1/", /private network/],
      ["http://2130706433/", /127\.0\.0\.1 is a loopback/],
      ["http://0177.0.0.1/", /loopback/],
      ["http://[::ffff:127.0.0.1]/", /loopback/],
      ["http://[::ffff:a00:1]/", /10\.0\.0\.1 is a private/],
    ];
    for (const [url, reason] of cases) {
      const res = await send(a, { url });
      expect(res.status, url).toBe(400);
      expect(res.body.error.code, url).toBe("UNSAFE_URL");
      expect(res.body.error.message, url).toMatch(reason);
    }
    expect(await getDb().knowledgeDocument.count({ where: { tenantId: a.tenant.id, sourceUrl: { contains: "127.0.0.1" } } })).toBe(0);
  });

  it("refuses names resolving to a private address, or to a public and a private one", async () => {
    const lookup = async (host: string) =>
      ({ "evil.test": ["127.0.0.1"], "mixed.test": [PUBLIC, "10.1.1.1"] })[host]?.map((address) => ({ address, family: 4 as const })) ?? [];
    await expect(importWebPage(scopeOf(a), { url: "http://evil.test/" }, { lookup, allowPrivate: false })).rejects.toMatchObject({
      code: "UNSAFE_URL",
      message: expect.stringMatching(/^evil\.test points to 127\.0\.0\.1 is a loopback address/),
    });
    await expect(importWebPage(scopeOf(a), { url: "http://mixed.test/" }, { lookup, allowPrivate: false })).rejects.toMatchObject({ code: "UNSAFE_URL" });
    await expect(importWebPage(scopeOf(a), { url: "http://nowhere.test/" }, { lookup, allowPrivate: false })).rejects.toMatchObject({ code: "VALIDATION_FAILED", field: "url" });
  });

  it("refuses other schemes and credentials (400 UNSAFE_URL), and what is not a URL (422)", async () => {
    for (const url of ["ftp://example.com/file", "file:///etc/passwd", "gopher://example.com/", "https://user:secret@example.com/"]) {
      const res = await send(a, { url });
      expect(res.status, url).toBe(400);
      expect(res.body.error, url).toMatchObject({ code: "UNSAFE_URL", field: "url" });
    }
    const notUrl = await send(a, { url: "not a url" });
    expect(notUrl.status).toBe(422);
    expect(notUrl.body.error.field).toBe("url");
    expect((await send(a, { url: `https://${PUBLIC}/`, extra: 1 })).status).toBe(422);
  });

  it("checks agents and roles: another tenant's agent is 404, members are refused", async () => {
    const agentB = (await agents.POST(apiRequest("POST", "/api/v1/agents", { cookie: b.admin.cookie, body: validAgentInput() })).then(json)).body.data.id;
    const res = await send(a, { url: `https://${PUBLIC}/x`, agentIds: [agentB] });
    expect(res.status).toBe(404);
    expect(res.body.error.field).toBe("agentIds");
    expect((await send(a, { url: `https://${PUBLIC}/y` }, a.user.cookie)).status).toBe(403);
  });
});
