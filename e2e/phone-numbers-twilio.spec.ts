// Phone numbers the business really owns, with Twilio connected: search what the account can buy and
// buy one (Twilio then sends its calls here), import one the account already holds, release one, and
// the plan's limit. The app runs with Twilio keys against the local Twilio REST server, which this
// spec controls and reads (support/twilio-app.ts explains why that is a second app process).
import { randomBytes } from "node:crypto";
import type { Page } from "@playwright/test";
import { Api, expect, test as base, toast, uniqueId, type PhoneNumber } from "./support/fixtures";
import { updateTenantOf } from "./support/tenant-db";
import { withTwilioApp, type TwilioApp } from "./support/twilio-app";

const test = base.extend<{ twilio: TwilioApp }, { twilioApp: TwilioApp }>({
  twilioApp: [async ({}, use) => withTwilioApp(use), { scope: "worker", timeout: 120_000 }],
  // Each test says what the account offers; what it holds is told apart by each test's own numbers.
  twilio: async ({ twilioApp }, use) => {
    twilioApp.fake.available.length = 0;
    await use(twilioApp);
  },
  baseURL: async ({ twilioApp }, use) => use(twilioApp.url),
});

/** A number in this area code nobody else in this run uses, e.g. +15124829173. */
function numberIn(area: string): string {
  const n = randomBytes(4).readUInt32BE() % 8_000_000;
  return `+1${area}${2_000_000 + n}`;
}

function offer(twilio: TwilioApp, e164: string, locality: string, region: string) {
  twilio.fake.available.push({ phoneNumber: e164, locality, region, country: "US" });
}

const accountPath = (twilio: TwilioApp) => `/2010-04-01/Accounts/${twilio.fake.accountSid}`;

/** Where Twilio must send the number's calls and their status changes: this app. */
const webhooks = (twilio: TwilioApp) => ({
  voiceUrl: `${twilio.url}/api/twilio/voice`,
  voiceMethod: "POST",
  statusCallback: `${twilio.url}/api/twilio/status`,
  statusCallbackMethod: "POST",
});

const ownedAtTwilio = (twilio: TwilioApp, e164: string) => [...twilio.fake.owned.values()].find((n) => n.phoneNumber === e164);

async function searchArea(page: Page, area: string) {
  const form = page.locator("#main").getByRole("form", { name: "Search numbers to buy" });
  await form.getByLabel("Area code").fill(area);
  await form.getByRole("button", { name: "Search" }).click();
}

test("search by country and area code, buy a number: listed, routed, and Twilio sends its calls here", async ({ page, admin, api, twilio }) => {
  void admin;
  const agent = await api.createAgent({ name: `Front desk ${uniqueId()}` });
  const [austin, gone, spare, sanFrancisco] = [numberIn("512"), numberIn("512"), numberIn("512"), numberIn("415")];
  for (const e164 of [austin, gone, spare]) offer(twilio, e164, "Austin", "TX");
  offer(twilio, sanFrancisco, "San Francisco", "CA");
  const seen = twilio.fake.requests.length;

  await page.goto("/phone-numbers");
  const main = page.locator("#main");
  const card = main.getByRole("region", { name: "Buy a number" });
  await expect(main.getByRole("heading", { name: "No phone numbers yet" })).toBeVisible();
  await expect(card.getByText("0 of 1 numbers used on the Free plan")).toBeVisible();
  // Typing a number is for simulation only: with Twilio it is bought or imported.
  await expect(main.getByRole("form", { name: "Add a phone number" })).toHaveCount(0);
  // The workspace's country is where a search starts.
  await expect(card.getByLabel("Country")).toHaveValue("US");

  // A mistyped area code is said next to its field, and Twilio is not asked.
  await searchArea(page, "51");
  await expect(main.locator("#buy-areaCode-error")).toHaveText("Must be a three-digit area code");
  await expect(card.getByLabel("Area code")).toBeFocused();
  expect(twilio.fake.requests.length).toBe(seen);

  await searchArea(page, "512");
  await expect(main.locator("#buy-areaCode-error")).toHaveCount(0);
  const offered = card.getByRole("list", { name: "Numbers you can buy" });
  await expect(offered.getByRole("listitem")).toHaveCount(3);
  await expect(offered.getByRole("listitem").filter({ hasText: austin })).toContainText("Austin, TX");
  await expect(offered.getByText(sanFrancisco)).toHaveCount(0);
  expect(twilio.fake.requests.slice(seen)).toContainEqual(
    expect.objectContaining({ method: "GET", path: `${accountPath(twilio)}/AvailablePhoneNumbers/US/Local.json`, query: expect.objectContaining({ AreaCode: "512", VoiceEnabled: "true" }) }),
  );

  // An area code with nothing on offer says so.
  await searchArea(page, "907");
  await expect(card.getByText("No numbers match. Try another area code or fewer digits.")).toBeVisible();
  await searchArea(page, "512");
  await expect(offered.getByRole("listitem")).toHaveCount(3);

  // Sold meanwhile, while the page still offers it: refused with the reason, and the offer is asked again.
  twilio.fake.available.splice(twilio.fake.available.findIndex((n) => n.phoneNumber === gone), 1);
  await offered.getByRole("button", { name: `Buy ${gone}` }).click();
  const goneDialog = page.getByRole("dialog", { name: `Buy ${gone}?` });
  await goneDialog.getByRole("button", { name: "Buy number" }).click();
  await expect(goneDialog.getByRole("alert")).toHaveText("This number is no longer available to buy. Search again and pick another");
  await goneDialog.getByRole("button", { name: "Cancel" }).click();
  await expect(offered.getByRole("listitem")).toHaveCount(2);
  await expect(offered.getByText(gone)).toHaveCount(0);

  await offered.getByRole("button", { name: `Buy ${austin}` }).click();
  const dialog = page.getByRole("dialog", { name: `Buy ${austin}?` });
  await expect(dialog).toContainText("billed by Twilio");
  await dialog.getByLabel("Answered by").selectOption({ label: agent.name });
  await dialog.getByRole("button", { name: "Buy number" }).click();
  await expect(toast(page, "Number bought")).toContainText(`${austin} is yours and answered by “${agent.name}”.`);
  await expect(dialog).toBeHidden();

  const row = main.getByRole("row").filter({ hasText: austin });
  await expect(row.getByRole("combobox", { name: `Route ${austin} to` })).toHaveValue(agent.id);
  await expect(row.getByText("Twilio", { exact: true })).toBeVisible();
  await expect(row.getByRole("button", { name: "Release" })).toBeVisible();
  // The offer is asked for again: what was just bought is no longer for sale.
  await expect(offered.getByRole("button", { name: `Buy ${austin}` })).toHaveCount(0);
  await expect(offered.getByRole("listitem")).toHaveCount(1);

  // Twilio was asked to buy exactly that number with its calls and status changes sent to this app.
  const bought = twilio.fake.requests.filter((r) => r.method === "POST" && r.path === `${accountPath(twilio)}/IncomingPhoneNumbers.json` && r.form.PhoneNumber === austin);
  expect(bought.map((r) => r.form)).toEqual([
    { PhoneNumber: austin, VoiceUrl: webhooks(twilio).voiceUrl, VoiceMethod: "POST", StatusCallback: webhooks(twilio).statusCallback, StatusCallbackMethod: "POST" },
  ]);
  expect(ownedAtTwilio(twilio, austin)).toMatchObject({ phoneNumber: austin, ...webhooks(twilio) });
  expect((await api.phoneNumbers()).map((n) => [n.e164, n.provider, n.provisioned, n.agentId])).toEqual([[austin, "TWILIO", true, agent.id]]);

  // The Free plan's one number is in use: nothing more can be searched for, bought or imported.
  await expect(card.getByText("1 of 1 numbers used on the Free plan")).toBeVisible();
  await expect(card.getByText("Your Free plan includes 1 phone number, and it is in use")).toBeVisible();
  await expect(offered.getByRole("button", { name: `Buy ${spare}` })).toBeDisabled();
  await expect(card.getByRole("button", { name: "Search" })).toBeDisabled();
  await expect(card.getByLabel("Number in your Twilio account")).toBeDisabled();
});

test("import a number the account holds; one it does not hold is refused next to the field", async ({ page, admin, api, twilio }) => {
  void admin;
  const agent = await api.createAgent({ name: `Night line ${uniqueId()}` });
  const held = twilio.fake.addOwned(numberIn("737"));
  const missing = numberIn("737");
  const path = accountPath(twilio);

  await page.goto("/phone-numbers");
  const main = page.locator("#main");
  const form = main.getByRole("form", { name: "Import a number from Twilio" });
  const input = form.getByLabel("Number in your Twilio account");
  const submit = form.getByRole("button", { name: "Import from Twilio" });

  // Not in the account: said against the field, and nothing is stored or changed at Twilio.
  let seen = twilio.fake.requests.length;
  await input.fill(missing);
  await submit.click();
  const error = main.locator("#import-e164-error");
  await expect(error).toHaveText("This number is not in the connected Twilio account, or is not available to this workspace");
  await expect(input).toHaveAttribute("aria-invalid", "true");
  await expect(input).toBeFocused();
  expect(twilio.fake.requests.slice(seen).map((r) => [r.method, r.path, r.query.PhoneNumber])).toEqual([["GET", `${path}/IncomingPhoneNumbers.json`, missing]]);
  expect(await api.phoneNumbers()).toEqual([]);

  // The one it holds, typed the national way: imported, routed, and repointed at this app.
  const national = `(${held.phoneNumber.slice(2, 5)}) ${held.phoneNumber.slice(5, 8)}-${held.phoneNumber.slice(8)}`;
  seen = twilio.fake.requests.length;
  await input.fill(national);
  await expect(error).toHaveCount(0);
  await form.getByLabel("Answered by").selectOption({ label: agent.name });
  await submit.click();
  await expect(toast(page, "Number imported")).toContainText(`Calls to ${held.phoneNumber} now come to this workspace.`);
  await expect(input).toHaveValue("");
  const row = main.getByRole("row").filter({ hasText: held.phoneNumber });
  await expect(row.getByRole("combobox", { name: `Route ${held.phoneNumber} to` })).toHaveValue(agent.id);
  await expect(row.getByText("Twilio", { exact: true })).toBeVisible();
  expect(twilio.fake.requests.slice(seen).map((r) => [r.method, r.path])).toEqual([
    ["GET", `${path}/IncomingPhoneNumbers.json`],
    ["POST", `${path}/IncomingPhoneNumbers/${held.sid}.json`],
  ]);
  expect(twilio.fake.owned.get(held.sid)).toMatchObject(webhooks(twilio));
  expect((await api.phoneNumbers()).map((n) => [n.e164, n.provisioned])).toEqual([[held.phoneNumber, true]]);
});

test("release a number: gone from the list and from the Twilio account", async ({ page, admin, api, twilio }) => {
  void admin;
  const e164 = numberIn("512");
  offer(twilio, e164, "Austin", "TX");
  const created = await api.post<PhoneNumber>("/api/v1/phone-numbers/buy", { e164 });
  expect(created.status, JSON.stringify(created.error)).toBe(201);
  const sid = ownedAtTwilio(twilio, e164)!.sid;

  await page.goto("/phone-numbers");
  const main = page.locator("#main");
  const row = main.getByRole("row").filter({ hasText: e164 });
  await row.getByRole("button", { name: "Release" }).click();
  const confirm = page.getByRole("alertdialog", { name: `Release ${e164}?` });
  await expect(confirm).toContainText("released from the Twilio account");
  const seen = twilio.fake.requests.length;
  await confirm.getByRole("button", { name: "Release" }).click();
  await expect(toast(page, "Number released")).toContainText(`${e164} was released.`);
  await expect(row).toHaveCount(0);
  await expect(main.getByRole("heading", { name: "No phone numbers yet" })).toBeVisible();
  expect(twilio.fake.requests.slice(seen).map((r) => [r.method, r.path])).toEqual([["DELETE", `${accountPath(twilio)}/IncomingPhoneNumbers/${sid}.json`]]);
  expect(twilio.fake.owned.has(sid)).toBe(false);
  expect(await api.phoneNumbers()).toEqual([]);
  await expect(main.getByRole("region", { name: "Buy a number" }).getByText("0 of 1 numbers used on the Free plan")).toBeVisible();
});

test("at the plan's limit a purchase is refused before Twilio is asked, with the reason, and the page catches up", async ({ page, admin, browser, twilio }) => {
  await updateTenantOf(admin.email, { maxPhoneNumbers: 2 });
  const [first, second, third] = [numberIn("512"), numberIn("512"), numberIn("512")];
  for (const e164 of [first, second, third]) offer(twilio, e164, "Austin", "TX");

  await page.goto("/phone-numbers");
  const main = page.locator("#main");
  const card = main.getByRole("region", { name: "Buy a number" });
  await expect(card.getByText("0 of 2 numbers used on the Free plan")).toBeVisible();
  await searchArea(page, "512");
  const offered = card.getByRole("list", { name: "Numbers you can buy" });
  await expect(offered.getByRole("listitem")).toHaveCount(3);

  // Meanwhile both slots go, in another tab this page knows nothing about.
  const other = await browser.newContext({ storageState: await page.context().storageState() });
  try {
    const otherApi = new Api(other.request, twilio.url);
    for (const e164 of [first, second]) {
      const result = await otherApi.call<PhoneNumber>("POST", `${twilio.url}/api/v1/phone-numbers/buy`, { e164 });
      expect(result.status, JSON.stringify(result.error)).toBe(201);
    }
  } finally {
    await other.close();
  }
  const purchases = () => twilio.fake.requests.filter((r) => r.method === "POST" && r.path === `${accountPath(twilio)}/IncomingPhoneNumbers.json`).length;
  const before = purchases();

  await offered.getByRole("button", { name: `Buy ${third}` }).click();
  const dialog = page.getByRole("dialog", { name: `Buy ${third}?` });
  await dialog.getByRole("button", { name: "Buy number" }).click();
  await expect(dialog.getByRole("alert")).toContainText("Your plan allows 2 phone numbers.");
  expect(purchases()).toBe(before);
  expect(twilio.fake.available.map((n) => n.phoneNumber)).toContain(third);
  await dialog.getByRole("button", { name: "Cancel" }).click();

  // The list is fetched again: both numbers bought elsewhere are shown and the limit is explained.
  await expect(card.getByText("2 of 2 numbers used on the Free plan")).toBeVisible();
  await expect(card.getByText("Your Free plan includes 2 phone numbers, and all are in use")).toBeVisible();
  for (const e164 of [first, second]) await expect(main.getByRole("row").filter({ hasText: e164 })).toBeVisible();
  await expect(offered.getByRole("button", { name: `Buy ${third}` })).toBeDisabled();
});
