// Tenant isolation: one workspace's agents and numbers do not exist for another, in pages or in the API.
import { Api, expect, newAccount, signUpViaApi, test, uniqueId, uniquePhoneDigits, type Agent, type PhoneNumber } from "./support/fixtures";

test("another workspace cannot see, open, change or delete an agent", async ({ page, admin, api, browser }) => {
  void admin;
  const agentA = await api.createAgent({ name: `Tenant A private agent ${uniqueId()}` });
  await page.goto("/agents");
  await expect(page.getByRole("link", { name: agentA.name, exact: true })).toBeVisible();

  // Tenant B signs up in a browser context of its own.
  const contextB = await browser.newContext();
  try {
    const tenantB = newAccount("tenantb");
    await signUpViaApi(contextB.request, tenantB);
    const pageB = await contextB.newPage();
    const apiB = new Api(contextB.request);

    const response = await pageB.goto(`/agents/${agentA.id}`);
    expect(response?.status()).toBe(404);
    await expect(pageB.getByRole("heading", { name: "Agent not found" })).toBeVisible();
    await expect(pageB.getByText(agentA.name)).toHaveCount(0);
    await expect(pageB.getByText(agentA.greeting)).toHaveCount(0);
    // Still inside B's own dashboard frame.
    await expect(pageB.getByRole("banner").getByText(tenantB.businessName, { exact: true })).toBeVisible();

    const get = await apiB.get<Agent>(`/api/v1/agents/${agentA.id}`);
    expect(get.status).toBe(404);
    expect(get.error?.code).toBe("NOT_FOUND");
    expect(get.data).toBeUndefined();
    // The same answer as for an id that never existed: nothing tells B the agent is real.
    const unknown = await apiB.get<Agent>(`/api/v1/agents/${agentA.id.slice(0, -4)}zzzz`);
    expect(unknown.status).toBe(404);
    expect(unknown.error).toEqual(get.error);

    expect((await apiB.patch(`/api/v1/agents/${agentA.id}`, { greeting: "Hijacked" })).status).toBe(404);
    expect((await apiB.delete(`/api/v1/agents/${agentA.id}`)).status).toBe(404);
    expect((await apiB.post(`/api/v1/agents/${agentA.id}/duplicate`)).status).toBe(404);

    expect(await apiB.agents()).toEqual([]);
    await pageB.goto("/agents");
    await expect(pageB.getByRole("heading", { name: "No agents yet" })).toBeVisible();
    await expect(pageB.getByText(agentA.name)).toHaveCount(0);

    // B's own agent is not visible to A either.
    const agentB = await apiB.createAgent({ name: `Tenant B agent ${uniqueId()}` });
    expect((await api.get(`/api/v1/agents/${agentB.id}`)).status).toBe(404);
  } finally {
    await contextB.close();
  }

  // A's agent came through untouched.
  const after = await api.agent(agentA.id);
  expect(after.greeting).toBe(agentA.greeting);
  expect(after.updatedAt).toBe(agentA.updatedAt);
  expect((await api.agents()).map((a) => a.id)).toEqual([agentA.id]);
});

test("another workspace cannot see, change, delete or route a phone number, nor borrow an agent", async ({ page, admin, api, browser }) => {
  void admin;
  const agentA = await api.createAgent({ name: `Tenant A line agent ${uniqueId()}` });
  const created = await api.post<PhoneNumber>("/api/v1/phone-numbers", { e164: uniquePhoneDigits(), label: "A main line", agentId: agentA.id });
  expect(created.status).toBe(201);
  const numberA = created.data!;

  const contextB = await browser.newContext();
  try {
    const tenantB = newAccount("tenantb");
    await signUpViaApi(contextB.request, tenantB);
    const apiB = new Api(contextB.request);

    const get = await apiB.get<PhoneNumber>(`/api/v1/phone-numbers/${numberA.id}`);
    expect(get.status).toBe(404);
    expect(get.data).toBeUndefined();
    const unknown = await apiB.get<PhoneNumber>(`/api/v1/phone-numbers/${numberA.id.slice(0, -4)}zzzz`);
    expect(unknown.error).toEqual(get.error);
    expect((await apiB.patch(`/api/v1/phone-numbers/${numberA.id}`, { label: "Hijacked" })).status).toBe(404);
    expect((await apiB.patch(`/api/v1/phone-numbers/${numberA.id}`, { agentId: null })).status).toBe(404);
    expect((await apiB.delete(`/api/v1/phone-numbers/${numberA.id}`)).status).toBe(404);
    expect(await apiB.phoneNumbers()).toEqual([]);

    // B's own number cannot be routed to A's agent: the agent does not exist for B.
    const borrowed = await apiB.post<PhoneNumber>("/api/v1/phone-numbers", { e164: uniquePhoneDigits(), agentId: agentA.id });
    expect(borrowed.status).toBe(404);
    expect(borrowed.error).toMatchObject({ code: "NOT_FOUND", field: "agentId" });
    const own = await apiB.post<PhoneNumber>("/api/v1/phone-numbers", { e164: uniquePhoneDigits() });
    expect(own.status).toBe(201);
    const routed = await apiB.patch<PhoneNumber>(`/api/v1/phone-numbers/${own.data!.id}`, { agentId: agentA.id });
    expect(routed.status).toBe(404);
    expect(routed.error).toMatchObject({ code: "NOT_FOUND", field: "agentId" });

    const pageB = await contextB.newPage();
    await pageB.goto("/phone-numbers");
    await expect(pageB.getByText(numberA.e164)).toHaveCount(0);
    await expect(pageB.getByText(agentA.name)).toHaveCount(0);
  } finally {
    await contextB.close();
  }

  // A's number came through untouched, still routed to A's agent.
  const after = (await api.phoneNumbers()).find((n) => n.id === numberA.id);
  expect(after).toMatchObject({ label: "A main line", agentId: agentA.id, updatedAt: numberA.updatedAt });
  await page.goto("/phone-numbers");
  await expect(page.locator("#main").getByText("A main line")).toBeVisible();
});
