// Phone numbers: typed loosely, stored and shown as E.164, routed to an agent; bad input is refused
// next to the field.
import { DEMO } from "./support/env";
import { Api, expect, test, toast, uniqueId, uniquePhoneDigits } from "./support/fixtures";
import { updateTenantOf } from "./support/tenant-db";

/** "+15550107777" → "+1 (555) 010-7777", the way people type it. */
function formatted(e164: string): string {
  const d = e164.slice(2);
  return `+1 (${d.slice(0, 3)}) ${d.slice(3, 6)}-${d.slice(6)}`;
}

test("add a number typed with punctuation, see it as E.164 and route it to an agent", async ({ page, admin, api }) => {
  void admin;
  const agent = await api.createAgent({ name: `Night line ${uniqueId()}` });
  const e164 = uniquePhoneDigits();
  const posts: string[] = [];
  page.on("request", (req) => {
    if (req.method() === "POST" && req.url().endsWith("/api/v1/phone-numbers")) posts.push(req.postData() ?? "");
  });

  await page.goto("/phone-numbers");
  await expect(page.getByRole("heading", { name: "No phone numbers yet" })).toBeVisible();
  const form = page.getByRole("form", { name: "Add a phone number" });
  const input = form.getByLabel("Phone number", { exact: true });
  const add = form.getByRole("button", { name: "Add number" });

  // Not a phone number: refused in place, before anything is sent.
  await input.fill("555-0107");
  await add.click();
  const error = page.locator("#new-number-e164-error");
  await expect(error).toHaveText("Enter a number like +1 201 555 0123 or (201) 555-0123");
  await expect(input).toHaveAttribute("aria-invalid", "true");
  await expect(input).toBeFocused();
  expect(posts).toHaveLength(0);

  // Empty: its own message.
  await input.fill("");
  await add.click();
  await expect(error).toHaveText("Enter a phone number");
  expect(posts).toHaveLength(0);

  // Valid but already another workspace's: the server's answer, shown against the field, and it does not
  // say whether the number exists on the platform.
  await input.fill(formatted(DEMO.agentNumber));
  await add.click();
  await expect(error).toHaveText("This number is not available to this workspace");
  expect(posts).toHaveLength(1);

  // The real one, typed the way people do.
  await input.fill(formatted(e164));
  await expect(error).toHaveCount(0); // typing clears the error
  await add.click();
  await expect(toast(page, "Number added")).toBeVisible();
  expect(JSON.parse(posts[1]!)).toMatchObject({ e164, agentId: null });
  const row = page.getByRole("row").filter({ hasText: e164 });
  await expect(row).toBeVisible();
  await expect(row.getByText(e164, { exact: true })).toBeVisible();
  await expect(page.getByText(formatted(e164))).toHaveCount(0);
  await expect(input).toHaveValue("");

  // Route it to the agent from the list.
  const routing = row.getByRole("combobox", { name: `Route ${e164} to` });
  await expect(routing).toHaveValue("");
  await routing.selectOption({ label: agent.name });
  await expect(toast(page, "Routing updated")).toBeVisible();
  await expect(routing).toHaveValue(agent.id);

  const [stored] = await api.phoneNumbers();
  expect(stored).toMatchObject({ e164, agentId: agent.id, agent: { id: agent.id, name: agent.name } });

  // Survives a reload, and the agent's page lists it.
  await page.reload();
  await expect(page.getByRole("combobox", { name: `Route ${e164} to` })).toHaveValue(agent.id);
  await page.goto(`/agents/${agent.id}`);
  await expect(page.getByRole("list", { name: "Numbers this agent answers" }).getByText(e164, { exact: true })).toBeVisible();
  expect((await api.agent(agent.id)).phoneNumbers.map((n) => n.e164)).toEqual([e164]);
});

/** "+15550107777" → "(555) 010-7777", the national way of writing a US number. */
function national(e164: string): string {
  const d = e164.slice(2);
  return `(${d.slice(0, 3)}) ${d.slice(3, 6)}-${d.slice(6)}`;
}

test("a national number is read in the workspace's country; the plan's limit shows before it is reached", async ({ page, admin, api }) => {
  void admin;
  const e164 = uniquePhoneDigits();
  await page.goto("/phone-numbers");
  const card = page.getByRole("region", { name: "Add a number" });
  const input = card.getByLabel("Phone number", { exact: true });
  const add = card.getByRole("button", { name: "Add number" });
  await expect(card.getByText("0 of 1 numbers used on the Free plan")).toBeVisible();

  // Typed as dialled in the US (this workspace's country): stored as E.164.
  await input.fill(national(e164));
  await add.click();
  await expect(toast(page, "Number added")).toBeVisible();
  expect((await api.phoneNumbers()).map((n) => n.e164)).toEqual([e164]);
  await expect(page.getByRole("row").filter({ hasText: e164 })).toBeVisible();

  // At the limit: said before trying, the form is disabled, and where the limit comes from is explained.
  await expect(card.getByText("1 of 1 numbers used on the Free plan")).toBeVisible();
  await expect(card.getByText("Your Free plan includes 1 phone number, and it is in use")).toBeVisible();
  await expect(card.getByText(/plan upgrades arrive with billing/)).toBeVisible();
  await expect(input).toBeDisabled();
  await expect(add).toBeDisabled();
  await expect(page.getByText(/\b1 phone numbers\b/)).toHaveCount(0);

  // Removing the number opens the form again.
  await page.getByRole("row").filter({ hasText: e164 }).getByRole("button", { name: "Delete" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Delete" }).click();
  await expect(toast(page, "Number deleted")).toBeVisible();
  await expect(card.getByText("0 of 1 numbers used on the Free plan")).toBeVisible();
  await expect(input).toBeEnabled();
});

test("over the limit, the error does not sit beside an earlier \"Number added\", and the count catches up", async ({ page, admin, api, browser }) => {
  await updateTenantOf(admin.email, { maxPhoneNumbers: 2 });
  await page.goto("/phone-numbers");
  const card = page.getByRole("region", { name: "Add a number" });
  const input = card.getByLabel("Phone number", { exact: true });
  const add = card.getByRole("button", { name: "Add number" });
  await expect(card.getByText("0 of 2 numbers used on the Free plan")).toBeVisible();

  await input.fill(uniquePhoneDigits());
  await add.click();
  const added = toast(page, "Number added");
  await expect(added).toBeVisible();
  await expect(card.getByText("1 of 2 numbers used on the Free plan")).toBeVisible();

  // Meanwhile the last free slot goes, in another tab this page knows nothing about.
  const other = await browser.newContext({ storageState: await page.context().storageState() });
  try {
    expect((await new Api(other.request).post("/api/v1/phone-numbers", { e164: uniquePhoneDigits() })).status).toBe(201);
  } finally {
    await other.close();
  }

  await input.fill(uniquePhoneDigits());
  await add.click();
  const refused = page.getByRole("alert").filter({ hasText: "The number was not added" });
  await expect(refused).toContainText("Your plan allows 2 phone numbers.");
  await expect(added).toHaveCount(0);
  // The list is fetched again, so the page now knows it is at the limit.
  await expect(card.getByText("2 of 2 numbers used on the Free plan")).toBeVisible();
  await expect(add).toBeDisabled();
  expect(await api.phoneNumbers()).toHaveLength(2);
});
