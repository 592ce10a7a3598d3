// Roles: a tenant USER sees agents read-only and the API refuses their changes; only super admins
// get the platform Admin section.
import { DEMO } from "./support/env";
import { expect, signInAs, test, type Agent } from "./support/fixtures";

test("a tenant user sees agents read-only", async ({ page }) => {
  await signInAs(page, DEMO.staff);

  await page.goto("/agents");
  await expect(page.getByRole("heading", { level: 1, name: "Agents" })).toBeVisible();
  await expect(page.getByText("You have view-only access.")).toBeVisible();
  const ava = page.getByRole("link", { name: DEMO.agentName, exact: true });
  await expect(ava).toBeVisible();
  await expect(page.getByRole("link", { name: "New agent" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Delete" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Duplicate" })).toHaveCount(0);
  await expect(page.getByRole("banner").getByText("Member", { exact: true })).toBeVisible();

  await ava.click();
  await expect(page).toHaveURL(/\/agents\/[^/]+$/);
  await expect(page.getByText("Only admins can edit agents.")).toBeVisible();
  for (const label of ["Name", "Greeting", "System prompt", "Language"]) {
    await expect(page.getByLabel(label, { exact: true }), label).toBeDisabled();
  }
  await expect(page.getByRole("switch", { name: "Open on Monday" })).toBeDisabled();
  await expect(page.getByRole("checkbox", { name: "Knowledge search" })).toBeDisabled();
  await expect(page.getByRole("button", { name: "Save changes" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Delete" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Duplicate" })).toHaveCount(0);

  await page.goto("/agents/new");
  await expect(page.getByRole("heading", { name: "Only admins can create agents" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Create agent" })).toHaveCount(0);
});

test("the API refuses a tenant user's changes with 403", async ({ page }) => {
  const api = await signInAs(page, DEMO.staff);
  const agents = await api.agents();
  const ava = agents.find((a) => a.name === DEMO.agentName);
  expect(ava, "the seeded agent is visible to the tenant user").toBeTruthy();

  const patch = await api.patch<Agent>(`/api/v1/agents/${ava!.id}`, { greeting: "Changed by a member" });
  expect(patch.status).toBe(403);
  // FORBIDDEN, not CSRF_FAILED (also 403): the request passed the origin check and the role check refused it.
  expect(patch.error).toMatchObject({ code: "FORBIDDEN" });

  const del = await api.delete(`/api/v1/agents/${ava!.id}`);
  expect(del.status).toBe(403);
  expect(del.error?.code).toBe("FORBIDDEN");
  const create = await api.post("/api/v1/agents", { name: "Sneaky", greeting: "Hi", systemPrompt: "Hi" });
  expect(create.status).toBe(403);
  const duplicate = await api.post(`/api/v1/agents/${ava!.id}/duplicate`);
  expect(duplicate.status).toBe(403);

  const after = await api.agent(ava!.id);
  expect(after.greeting).toBe(ava!.greeting);
  expect(after.updatedAt).toBe(ava!.updatedAt);
  expect((await api.agents()).length).toBe(agents.length);
});

test("only a super admin sees the Admin section", async ({ page, browser }) => {
  await signInAs(page, DEMO.superAdmin);
  await page.goto("/overview");
  const nav = page.getByRole("navigation", { name: "Main" });
  const adminLink = nav.getByRole("link", { name: "Admin", exact: true });
  await expect(adminLink).toBeVisible();
  await adminLink.click();
  await expect(page).toHaveURL(/\/admin$/);
  await expect(page.getByRole("heading", { level: 1, name: "Platform administration" })).toBeVisible();

  // A tenant admin, in a separate browser context: all the tenant links, no Admin, and /admin is a 404.
  const context = await browser.newContext();
  try {
    const owner = await context.newPage();
    await signInAs(owner, DEMO.owner);
    await owner.goto("/overview");
    const ownerNav = owner.getByRole("navigation", { name: "Main" });
    for (const label of ["Overview", "Agents", "Phone numbers", "Knowledge", "Calls", "Analytics", "Settings"]) {
      await expect(ownerNav.getByRole("link", { name: label, exact: true })).toBeVisible();
    }
    await expect(ownerNav.getByRole("link", { name: "Admin", exact: true })).toHaveCount(0);
    await expect(owner.getByRole("banner").getByText(DEMO.tenantName, { exact: true })).toBeVisible();

    const response = await owner.goto("/admin");
    expect(response?.status()).toBe(404);
    await expect(owner.getByRole("heading", { name: "Page not found" })).toBeVisible();
  } finally {
    await context.close();
  }
});
