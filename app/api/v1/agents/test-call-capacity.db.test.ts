// POST /api/v1/agents/:id/test-call at the deployment's voice capacity (VOICE_MAX_CALLS): live calls of
// every workspace count, so one workspace filling the voice servers makes another's test call wait.
import { describe, expect, it, vi } from "vitest";

const MAX = 40;
vi.hoisted(() => {
  process.env.VOICE_MAX_CALLS = "40"; // read once, on first use of getEnv()
});

import * as testCall from "./[id]/test-call/route";
import { getDb } from "@/lib/db/client";
import { apiRequest, createTestCall, json, params } from "@/lib/test/factories";
import { liveCallsWhere } from "@/lib/telephony/plan-limits";
import { tenantWithNumber } from "@/lib/test/twilio";

const start = async (cookie: string, agentId: string) =>
  json(await testCall.POST(apiRequest("POST", `/api/v1/agents/${agentId}/test-call`, { cookie, body: { mode: "text" } }), params({ id: agentId })));

describe("a browser test call at the voice capacity", () => {
  it("is refused with 409 LINES_BUSY while another workspace's calls fill VOICE_MAX_CALLS, and opens once one ends", async () => {
    const a = await tenantWithNumber("Capacity filler");
    const b = await tenantWithNumber("Capacity tester");
    await getDb().tenant.update({ where: { id: a.tenant.id }, data: { maxConcurrentCalls: 1000 } });
    const live = await getDb().call.count({ where: liveCallsWhere(new Date()) });
    expect(live).toBeLessThan(MAX); // other files' live calls in this database leave room to fill
    const filler = [];
    for (let i = live; i < MAX; i++) filler.push(await createTestCall(a.tenant.id, { agentId: a.agent.id, status: "IN_PROGRESS", startedAt: new Date() }));

    const refused = await start(b.admin.cookie, b.agent.id);
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({ code: "LINES_BUSY", message: expect.stringMatching(/at capacity/) });
    expect(await getDb().call.count({ where: { tenantId: b.tenant.id, direction: "WEB" } })).toBe(0);

    await getDb().call.update({ where: { id: filler[0]!.id }, data: { status: "COMPLETED" } });
    const opened = await start(b.admin.cookie, b.agent.id);
    expect(opened.status).toBe(201);
    expect(await getDb().call.findUnique({ where: { id: opened.body.data.callId } })).toMatchObject({ tenantId: b.tenant.id, direction: "WEB" });
    // The files after this one share the database: leave no call live.
    await getDb().call.updateMany({ where: { tenantId: { in: [a.tenant.id, b.tenant.id] } }, data: { status: "COMPLETED" } });
  });
});
