// A workspace admin creates, edits, validates, duplicates and deletes agents through the dashboard.
import type { Page } from "@playwright/test";
import { expect, test, toast, uniqueId } from "./support/fixtures";

/** The agents table row whose name link is exactly `name`. */
function agentRow(page: Page, name: string) {
  return page.getByRole("row").filter({ has: page.getByRole("link", { name, exact: true }) });
}

test("create an agent with the form and find it in the list", async ({ page, admin, api }) => {
  const name = `Main line ${uniqueId()}`;
  await page.goto("/agents");
  await page.getByRole("link", { name: "New agent" }).click();
  await expect(page).toHaveURL(/\/agents\/new$/);
  await expect(page.getByRole("heading", { level: 1, name: "New agent" })).toBeVisible();
  // The draft starts in the business's own words.
  await expect(page.getByLabel("Greeting", { exact: true })).toHaveValue(
    `Thank you for calling ${admin.businessName}. How can I help you today?`,
  );

  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByLabel("Greeting", { exact: true }).fill("Hi, you've reached the clinic. What can I do for you?");
  await page.getByLabel("System prompt", { exact: true }).fill("You are the clinic's receptionist.\nBe brief and kind.");
  await page.getByLabel("Language", { exact: true }).selectOption({ label: "English (UK)" });

  // Business hours: closed on Friday, open Saturday morning.
  const friday = page.getByRole("switch", { name: "Open on Friday" });
  await expect(friday).toHaveAttribute("aria-checked", "true");
  await friday.click();
  await expect(friday).toHaveAttribute("aria-checked", "false");
  await page.getByRole("switch", { name: "Open on Saturday" }).click();
  await page.getByLabel("Saturday opening time", { exact: true }).fill("10:00");
  await page.getByLabel("Saturday closing time", { exact: true }).fill("13:30");

  // Tools: no knowledge search; transfers on, which needs a transfer number (typed loosely).
  await page.getByRole("checkbox", { name: "Knowledge search" }).uncheck();
  await page.getByRole("checkbox", { name: "Transfer to a human" }).check();
  await page.getByLabel(/^Transfer phone number/).fill("+1 (555) 010-0199");

  await page.getByRole("button", { name: "Create agent" }).click();
  await expect(toast(page, "Agent created")).toBeVisible();
  // The toast shows before the redirect to the new agent's page.
  await page.waitForURL((url) => /^\/agents\/[^/]+$/.test(url.pathname) && url.pathname !== "/agents/new");
  const id = new URL(page.url()).pathname.split("/").pop()!;
  await expect(page.getByRole("heading", { level: 1 })).toContainText(name);

  // What was saved, as the API returns it.
  const saved = await api.agent(id);
  expect(saved).toMatchObject({
    name,
    greeting: "Hi, you've reached the clinic. What can I do for you?",
    systemPrompt: "You are the clinic's receptionist.\nBe brief and kind.",
    language: "en-GB",
    transferPhoneNumber: "+15550100199",
    enabled: true,
  });
  expect(saved.businessHours.friday).toEqual([]);
  expect(saved.businessHours.saturday).toEqual([{ open: "10:00", close: "13:30" }]);
  expect(saved.businessHours.monday).toEqual([{ open: "09:00", close: "17:00" }]);
  expect([...saved.tools].sort()).toEqual(["END_CALL", "TAKE_MESSAGE", "TRANSFER_CALL"]);

  // The edit form shows the same after a fresh load.
  await page.reload();
  await expect(page.getByLabel("Language", { exact: true })).toHaveValue("en-GB");
  await expect(page.getByRole("switch", { name: "Open on Friday" })).toHaveAttribute("aria-checked", "false");
  await expect(page.getByLabel("Saturday opening time", { exact: true })).toHaveValue("10:00");
  await expect(page.getByRole("checkbox", { name: "Knowledge search" })).not.toBeChecked();
  await expect(page.getByRole("checkbox", { name: "Transfer to a human" })).toBeChecked();

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Agents" }).click();
  await expect(page).toHaveURL(/\/agents$/);
  const row = agentRow(page, name);
  await expect(row).toBeVisible();
  await expect(row.getByText("Enabled")).toBeVisible();
  await expect(row.getByRole("link", { name, exact: true })).toHaveAttribute("href", `/agents/${id}`);
});

test("edit the greeting, save, and see it after a reload; an invalid name is refused in place", async ({ page, admin, api }) => {
  void admin;
  const agent = await api.createAgent({ name: `Reception ${uniqueId()}` });
  const patches: string[] = [];
  page.on("request", (req) => {
    if (req.method() === "PATCH" && req.url().includes(`/api/v1/agents/${agent.id}`)) patches.push(req.postData() ?? "");
  });

  await page.goto(`/agents/${agent.id}`);
  const form = page.getByRole("form", { name: "Agent settings" });
  const save = form.getByRole("button", { name: "Save changes" });
  await expect(save).toBeDisabled(); // nothing changed yet
  const greeting = form.getByLabel("Greeting", { exact: true });
  await expect(greeting).toHaveValue(agent.greeting);

  const newGreeting = `Good morning! You're through to reception (${uniqueId()}).`;
  await greeting.fill(newGreeting);
  await expect(form.getByText("You have unsaved changes")).toBeVisible();
  await save.click();
  await expect(toast(page, "Changes saved")).toBeVisible();
  await expect(form.getByText("All changes saved")).toBeVisible();
  // Only the changed field is sent.
  expect(patches).toHaveLength(1);
  expect(JSON.parse(patches[0]!)).toEqual({ greeting: newGreeting });

  await page.reload();
  await expect(page.getByLabel("Greeting", { exact: true })).toHaveValue(newGreeting);
  expect((await api.agent(agent.id)).greeting).toBe(newGreeting);

  // Validation: an empty name is shown next to the Name field, and nothing goes to the server.
  const nameInput = page.getByLabel("Name", { exact: true });
  await nameInput.fill("");
  await page.getByRole("button", { name: "Save changes" }).click();
  const nameError = page.locator("#agent-name-error");
  await expect(nameError).toHaveText("Name is required");
  await expect(nameInput).toHaveAttribute("aria-invalid", "true");
  await expect(nameInput).toHaveAttribute("aria-describedby", /agent-name-error/);
  await expect(nameInput).toBeFocused();
  await expect(page.getByText("1 field needs attention")).toBeVisible();
  expect(patches).toHaveLength(1);

  // Typing clears the error; the saved name never changed.
  await nameInput.fill("x");
  await expect(nameError).toHaveCount(0);
  expect((await api.agent(agent.id)).name).toBe(agent.name);
  await page.reload();
  await expect(page.getByLabel("Name", { exact: true })).toHaveValue(agent.name);
});

test("duplicate an agent, then delete the copy through the confirmation dialog", async ({ page, admin, api }) => {
  void admin;
  const agent = await api.createAgent({ name: `Front desk ${uniqueId()}` });
  const copyName = `${agent.name} (copy)`;

  await page.goto("/agents");
  const original = agentRow(page, agent.name);
  await original.getByRole("button", { name: "Duplicate" }).click();
  await expect(toast(page, "Agent duplicated")).toBeVisible();
  const copy = agentRow(page, copyName);
  await expect(copy).toBeVisible();
  // A copy never takes calls by surprise.
  await expect(copy.getByText("Disabled")).toBeVisible();
  const copyId = (await api.agents()).find((a) => a.name === copyName)?.id;
  expect(copyId).toBeTruthy();

  // Cancel first: nothing happens.
  await copy.getByRole("button", { name: "Delete" }).click();
  let dialog = page.getByRole("alertdialog", { name: `Delete “${copyName}”?` });
  await expect(dialog).toBeVisible();
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();
  await expect(copy).toBeVisible();

  await copy.getByRole("button", { name: "Delete" }).click();
  dialog = page.getByRole("alertdialog", { name: `Delete “${copyName}”?` });
  await expect(dialog).toContainText("permanently deletes");
  await dialog.getByRole("button", { name: "Delete" }).click();
  await expect(toast(page, "Agent deleted")).toBeVisible();
  await expect(copy).toHaveCount(0);
  await expect(original).toBeVisible();

  const remaining = await api.agents();
  expect(remaining.map((a) => a.id)).toEqual([agent.id]);
  expect((await api.get(`/api/v1/agents/${copyId}`)).status).toBe(404);
});
