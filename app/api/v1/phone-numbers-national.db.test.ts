// National phone formats through the real route: read in the workspace's country (Tenant.country),
// stored as E.164; an unreadable number is a 422 on e164 saying which format is expected. Also the
// plan limit: its message counts properly and /api/v1/me exposes the limits before anyone hits them.
import { beforeAll, describe, expect, it } from "vitest";
import * as collection from "./phone-numbers/route";
import * as me from "./me/route";
import { getDb } from "@/lib/db/client";
import { apiRequest, createTestTenant, json, type TestTenant } from "@/lib/test/factories";

let us: TestTenant;
let gb: TestTenant;

beforeAll(async () => {
  [us, gb] = await Promise.all([createTestTenant("National US"), createTestTenant("National GB")]);
  await getDb().tenant.update({ where: { id: gb.tenant.id }, data: { country: "GB" } });
});

const create = (t: TestTenant, body: unknown) => collection.POST(apiRequest("POST", "/api/v1/phone-numbers", { cookie: t.admin.cookie, body }));

describe("adding a number typed in national format", () => {
  it("reads (512) 555-0142 in a US workspace and stores +15125550142", async () => {
    const res = await json(await create(us, { e164: "(512) 555-0142" }));
    expect(res.status).toBe(201);
    expect(res.body.data.e164).toBe("+15125550142");
    expect(await getDb().phoneNumber.findUnique({ where: { e164: "+15125550142" } })).toMatchObject({ tenantId: us.tenant.id });
  });

  it("reads 020 7946 0958 in a GB workspace, and an international number anywhere", async () => {
    const res = await json(await create(gb, { e164: "020 7946 0958" }));
    expect(res.status).toBe(201);
    expect(res.body.data.e164).toBe("+442079460958");
    const intl = await json(await create(gb, { e164: "+1 (555) 020-9001" }));
    expect(intl.body.data?.e164).toBe("+15550209001");
  });

  it("refuses an incomplete number with the expected format, on field e164", async () => {
    const res = await json(await create(us, { e164: "555-0107" }));
    expect(res.status).toBe(422);
    expect(res.body.error).toEqual({
      code: "VALIDATION_FAILED",
      field: "e164",
      message: "Enter a number like +1 201 555 0123 or (201) 555-0123",
    });
  });

  it("says the limit with a properly counted noun, and /api/v1/me shows the limits and country", async () => {
    const solo = await createTestTenant("Solo plan");
    await getDb().tenant.update({ where: { id: solo.tenant.id }, data: { maxPhoneNumbers: 1 } });
    expect((await create(solo, { e164: "(555) 020-9002" })).status).toBe(201);
    const over = await json(await create(solo, { e164: "(555) 020-9003" }));
    expect(over.status).toBe(422);
    expect(over.body.error.code).toBe("QUOTA_EXCEEDED");
    expect(over.body.error.message).toMatch(/^Your plan allows 1 phone number\. /);

    const whoami = await json(await me.GET(apiRequest("GET", "/api/v1/me", { cookie: solo.user.cookie })));
    expect(whoami.status).toBe(200);
    expect(whoami.body.data.limits).toEqual({ maxAgents: 100, maxPhoneNumbers: 1 });
    expect(whoami.body.data.tenant).toMatchObject({ id: solo.tenant.id, plan: "FREE", country: "US" });
  });
});
