// Team: an admin invites a colleague as a member from Settings → Team (no mail server, so the link is
// shown to copy), the colleague accepts in a second browser context (new account, signed in), and as
// a member sees read-only pages and is refused admin actions by the API. Then someone in two
// workspaces (an existing user accepting while signed in) switches between them from the header.
import { expect, newAccount, signUpViaApi, test, Api } from "./support/fixtures";

test("invite → accept in another browser → the member is read-only", async ({ page, admin, browser }) => {
  const colleague = newAccount("member");
  await page.goto("/settings/team");
  await expect(page.getByRole("heading", { level: 1, name: "Team" })).toBeVisible();
  await expect(page.getByText("No pending invites.")).toBeVisible();
  await page.getByLabel("Email", { exact: true }).fill(colleague.email);
  await page.getByLabel("Role", { exact: true }).selectOption("USER");
  await page.getByRole("button", { name: "Send invite" }).click();
  const linkField = page.getByRole("textbox", { name: "Invite link" });
  await expect(linkField).toBeVisible();
  const link = await linkField.inputValue();
  expect(link).toMatch(/\/invite\/[A-Za-z0-9_-]{43}$/);
  await expect(page.getByRole("list", { name: "Pending invites" }).getByText(colleague.email)).toBeVisible();

  const context = await browser.newContext();
  try {
    const other = await context.newPage();
    await other.goto(link);
    await expect(other.getByRole("heading", { name: `Join ${admin.businessName}` })).toBeVisible();
    await expect(other.getByText(`${admin.name} invited you`)).toBeVisible();
    await other.getByLabel("Your name").fill(colleague.name);
    await other.getByLabel("Choose a password").fill(colleague.password);
    await other.getByRole("button", { name: "Accept and create account" }).click();
    await expect(other).toHaveURL(/\/overview$/);
    await expect(other.getByRole("banner").getByText("Member", { exact: true })).toBeVisible();

    await other.goto("/agents");
    await expect(other.getByText("You have view-only access.")).toBeVisible();
    await other.goto("/settings/team");
    await expect(other.getByRole("cell", { name: admin.email })).toBeVisible();
    await expect(other.getByRole("button", { name: "Send invite" })).toHaveCount(0);
    await expect(other.getByRole("button", { name: /^Remove / })).toHaveCount(0);

    const api = new Api(other.request);
    expect((await api.post("/api/v1/team/invites", { email: `x-${colleague.email}` })).status).toBe(403);
    expect((await api.post("/api/v1/agents", { name: "Sneaky", greeting: "Hi", systemPrompt: "Hi" })).status).toBe(403);

    // The used link now explains itself.
    await other.goto(link);
    await expect(other.getByRole("heading", { name: "This invite was already used" })).toBeVisible();
  } finally {
    await context.close();
  }

  await page.reload();
  await expect(page.getByRole("cell", { name: colleague.email })).toBeVisible();
  await expect(page.getByText("No pending invites.")).toBeVisible();
});

test("an existing user joins a second workspace and switches from the header", async ({ page, admin, api, browser }) => {
  const mine = await api.createAgent({ name: "Mine" });
  // Another business invites this admin (the link is returned: no mail server).
  const context = await browser.newContext();
  const other = newAccount("other");
  let link = "";
  try {
    await signUpViaApi(context.request, other);
    const otherApi = new Api(context.request);
    await otherApi.createAgent({ name: "Theirs" });
    const invite = await otherApi.post<{ delivery: { link: string } }>("/api/v1/team/invites", { email: admin.email, role: "USER" });
    expect(invite.status).toBe(201);
    link = invite.data!.delivery.link;
  } finally {
    await context.close();
  }

  await page.goto(new URL(link).pathname);
  await expect(page.getByRole("heading", { name: `Join ${other.businessName}` })).toBeVisible();
  await page.getByRole("button", { name: "Join workspace" }).click();
  await expect(page).toHaveURL(/\/overview$/);
  const switcher = page.getByRole("banner").getByRole("combobox", { name: "Workspace" });
  await expect(switcher.locator("option:checked")).toHaveText(other.businessName);
  expect((await api.agents()).map((a) => a.name)).toEqual(["Theirs"]);
  expect((await api.get(`/api/v1/agents/${mine.id}`)).status).toBe(404);

  await switcher.selectOption({ label: admin.businessName });
  await expect(page.getByRole("banner").getByRole("combobox", { name: "Workspace" }).locator("option:checked")).toHaveText(admin.businessName);
  expect((await api.agents()).map((a) => a.name)).toContain("Mine");
});
