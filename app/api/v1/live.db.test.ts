// The live view's API through the real route handlers and database: the socket token, and an admin
// ending a call in progress (recorded durably and announced on the call's bus channel).
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as token from "./live/token/route";
import * as end from "./calls/[id]/end/route";
import { getDb } from "@/lib/db/client";
import { callsWithEndRequest } from "@/lib/calls/live/end-request";
import { LocalEventBus, setSharedEventBus, type LiveEvent } from "@/lib/providers/events";
import { verifyBrowserToken } from "@/lib/realtime/browser-token";
import { apiRequest, createTestCall, createTestTenant, json, params, type TestTenant } from "@/lib/test/factories";

let a: TestTenant;
let b: TestTenant;
const bus = new LocalEventBus({ logger: pino({ level: "silent" }) });
const published: { channel: string; event: LiveEvent }[] = [];

const endCall = (id: string, cookie: string) => end.POST(apiRequest("POST", `/api/v1/calls/${id}/end`, { cookie }), params({ id }));

beforeAll(async () => {
  [a, b] = await Promise.all([createTestTenant("Live A"), createTestTenant("Live B")]);
  setSharedEventBus(bus);
  const publish = bus.publish.bind(bus);
  bus.publish = (channel, event) => {
    published.push({ channel, event });
    publish(channel, event);
  };
});
afterAll(() => setSharedEventBus(undefined));

describe("POST /api/v1/live/token", () => {
  it("mints a live token for the session's tenant and user, with the voice server's /live url", async () => {
    const res = await json(await token.POST(apiRequest("POST", "/api/v1/live/token", { cookie: a.user.cookie })));
    expect(res.status).toBe(200);
    expect(res.body.data.url).toMatch(/^wss?:\/\/.+\/live$/);
    const check = verifyBrowserToken(res.body.data.token, { purpose: "live" });
    expect(check).toMatchObject({ ok: true, claims: { tenantId: a.tenant.id, role: "USER", purpose: "live" } });
    expect(verifyBrowserToken(res.body.data.token, { purpose: "test-call" })).toMatchObject({ ok: false, reason: "wrong_purpose" });
  });

  it("needs a session", async () => {
    expect((await token.POST(apiRequest("POST", "/api/v1/live/token"))).status).toBe(401);
  });
});

describe("POST /api/v1/calls/:id/end", () => {
  it("records the request and publishes it on the call's channel; the voice server's heartbeat query finds it", async () => {
    const call = await createTestCall(a.tenant.id, { status: "IN_PROGRESS", answeredAt: new Date() });
    const other = await createTestCall(a.tenant.id, { status: "IN_PROGRESS", answeredAt: new Date() });
    published.length = 0;
    const res = await json(await endCall(call.id, a.admin.cookie));
    expect(res.status).toBe(202);
    expect(published).toEqual([
      { channel: `call:${call.id}`, event: expect.objectContaining({ type: "call.end_requested", callId: call.id, tenantId: a.tenant.id }) },
    ]);
    const row = await getDb().call.findUniqueOrThrow({ where: { id: call.id } });
    expect(row.metadata).toMatchObject({ endRequest: { by: a.admin.id } });
    expect(await callsWithEndRequest(getDb(), [call.id, other.id])).toEqual([call.id]);
  });

  it("is for admins only: a USER gets 403 and nothing is recorded", async () => {
    const call = await createTestCall(a.tenant.id, { status: "IN_PROGRESS" });
    const res = await json(await endCall(call.id, a.user.cookie));
    expect(res.status).toBe(403);
    expect(await callsWithEndRequest(getDb(), [call.id])).toEqual([]);
  });

  it("another tenant's call is a 404, like one that does not exist, and is left alone", async () => {
    const call = await createTestCall(b.tenant.id, { status: "IN_PROGRESS" });
    published.length = 0;
    const res = await json(await endCall(call.id, a.admin.cookie));
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe("NOT_FOUND");
    expect(published).toEqual([]);
    expect(await callsWithEndRequest(getDb(), [call.id])).toEqual([]);
    expect((await endCall("zzzzzzzzzzzzzzzzzzzzzzzz", a.admin.cookie)).status).toBe(404);
  });

  it("a call that is not in progress is 409 CALL_NOT_LIVE", async () => {
    const call = await createTestCall(a.tenant.id, { status: "COMPLETED", endedAt: new Date() });
    const res = await json(await endCall(call.id, a.admin.cookie));
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe("CALL_NOT_LIVE");
  });
});
