// Tenant isolation: one workspace's agent does not exist for another, in pages or in the API.
import { Api, expect, newAccount, signInViaApi, signUpViaApi, test, uniqueId, type Agent } from "./support/fixtures";

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
    await signInViaApi(contextB.request, tenantB);
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
