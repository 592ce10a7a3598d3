// A workspace admin creates, edits, validates, duplicates and deletes agents through the dashboard.
import type { Page } from "@playwright/test";
import { expect, test, toast, uniqueId, uniquePhoneDigits } from "./support/fixtures";

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
  // Time zones under their current names only (Chromium's ICU still lists the old spellings).
  const zone = page.getByLabel("Time zone", { exact: true });
  await expect(zone.locator('option[value="America/Nuuk"]')).toHaveCount(1);
  for (const old of ["America/Godthab", "Africa/Asmera", "Asia/Calcutta", "Europe/Kiev"]) {
    await expect(zone.locator(`option[value="${old}"]`), old).toHaveCount(0);
  }

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
  page.once("dialog", (dialog) => void dialog.accept()); // "leave with unsaved changes?": yes
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

test("the agents table fits its card at 1280 px and 390 px, with Delete in view", async ({ page, admin, api }) => {
  void admin;
  // The longest names the API allows and a routed number: the widest rows a Free workspace can have.
  const long = (n: number) => `Reception and after-hours line ${n} for the downtown clinic ${uniqueId()}`.slice(0, 80);
  const first = await api.createAgent({ name: long(1) });
  await api.createAgent({ name: long(2) });
  expect((await api.post("/api/v1/phone-numbers", { e164: uniquePhoneDigits(), agentId: first.id })).status).toBe(201);

  for (const viewport of [{ width: 1280, height: 800 }, { width: 390, height: 844 }]) {
    await page.setViewportSize(viewport);
    await page.goto("/agents");
    const table = page.getByRole("table", { name: "Agents in this workspace" });
    await expect(table.getByRole("row")).toHaveCount(3);
    const card = table.locator("xpath=..");
    const fit = await card.evaluate((el) => ({ scrollWidth: el.scrollWidth, clientWidth: el.clientWidth }));
    expect(fit.scrollWidth, `table width at ${viewport.width} px`).toBeLessThanOrEqual(fit.clientWidth);
    const cardBox = (await card.boundingBox())!;
    for (const row of await table.getByRole("row").filter({ has: page.getByRole("link") }).all()) {
      const del = row.getByRole("button", { name: "Delete" });
      await expect(del).toBeInViewport({ ratio: 1 });
      const box = (await del.boundingBox())!;
      expect(box.x + box.width, `Delete inside the card at ${viewport.width} px`).toBeLessThanOrEqual(cardBox.x + cardBox.width);
    }
    // The label shows where there is room for it (1280 px), the icon alone on a phone.
    const width = (await table.getByRole("row").nth(1).getByRole("button", { name: "Delete" }).boundingBox())!.width;
    if (viewport.width >= 1280) expect(width).toBeGreaterThan(60);
    else expect(width).toBeLessThan(48);
  }
});

test("a new workspace's agents page arrives with its empty state, not loading placeholders", async ({ page, admin }) => {
  void admin;
  let listRequests = 0;
  page.on("request", (req) => {
    if (req.method() === "GET" && new URL(req.url()).pathname === "/api/v1/agents") listRequests++;
  });
  // The server's HTML already has the empty state (before any JavaScript runs)...
  const html = await (await page.request.get("/agents")).text();
  expect(html).toContain("No agents yet");
  expect(html).not.toContain("Loading agents");

  // ...and once the network is idle there is nothing left loading, and no second trip for the list.
  await page.goto("/agents", { waitUntil: "networkidle" });
  await expect(page.getByRole("heading", { name: "No agents yet" })).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: "Loading" })).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Create your first agent" })).toBeVisible();
  expect(listRequests).toBe(0);
});

test("unsaved or in-flight edits ask before the page is left (reload and in-app links)", async ({ page, admin, api }) => {
  void admin;
  const agent = await api.createAgent({ name: `Guarded ${uniqueId()}` });
  const dialogs: { type: string; message: string }[] = [];
  let answer: "accept" | "dismiss" = "dismiss";
  page.on("dialog", (dialog) => {
    dialogs.push({ type: dialog.type(), message: dialog.message() });
    void (answer === "accept" ? dialog.accept() : dialog.dismiss());
  });
  // A reload started by the page itself, so a dismissed prompt leaves the test waiting on nothing.
  const tryReload = async (expected: number) => {
    void page.evaluate(() => window.location.reload()).catch(() => {});
    await expect.poll(() => dialogs.length).toBe(expected);
  };

  await page.goto(`/agents/${agent.id}`);
  const form = page.getByRole("form", { name: "Agent settings" });
  const greeting = form.getByLabel("Greeting", { exact: true });
  const edited = `Edited ${uniqueId()}`;
  await greeting.click(); // a real gesture: browsers only prompt on leave for pages the user interacted with
  await greeting.fill(edited);
  await expect(form.getByText("You have unsaved changes")).toBeVisible();

  // Reload: the browser's "Leave site?" prompt; staying keeps the edit.
  await tryReload(1);
  expect(dialogs[0]!.type).toBe("beforeunload");
  await expect(greeting).toHaveValue(edited);

  // An in-app link: asked in our words; staying keeps the page and the edit.
  await page.getByRole("link", { name: "All agents" }).click();
  await expect.poll(() => dialogs.length).toBe(2);
  expect(dialogs[1]).toEqual({ type: "confirm", message: "You have unsaved changes. Leave this page and lose them?" });
  await expect(page).toHaveURL(new RegExp(`/agents/${agent.id}$`));
  await expect(greeting).toHaveValue(edited);

  // While "Saving…" is on its way (held here), leaving asks too.
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(`**/api/v1/agents/${agent.id}`, async (route) => {
    if (route.request().method() === "PATCH") await held;
    await route.continue();
  });
  await form.getByRole("button", { name: "Save changes" }).click();
  await expect(form.getByText("Saving…")).toBeVisible();
  await tryReload(3);
  expect(dialogs[2]!.type).toBe("beforeunload");
  release();
  // Shown from the server's answer to the PATCH: the edit is saved.
  await expect(form.getByText("All changes saved")).toBeVisible();
  await expect(greeting).toHaveValue(edited);

  // Saved: leaving no longer asks.
  await page.getByRole("link", { name: "All agents" }).click();
  await expect(page).toHaveURL(/\/agents$/);
  expect(dialogs).toHaveLength(3);

  // A new agent's draft counts once something is typed; leaving anyway when the answer is yes.
  await page.goto("/agents/new");
  await page.getByLabel("Name", { exact: true }).fill("Half-written agent");
  answer = "accept";
  await page.getByRole("link", { name: "Cancel" }).click();
  await expect(page).toHaveURL(/\/agents$/);
  expect(dialogs.map((d) => d.type)).toEqual(["beforeunload", "confirm", "beforeunload", "confirm"]);
});

test("pick a voice from the list, play the greeting in it, and save address and services", async ({ page, admin, api }) => {
  void admin;
  const agent = await api.createAgent({ name: `Voices ${uniqueId()}` });
  expect(agent.voiceId).toBe("local-en-us-1");
  const previews: { voice: string; body: unknown }[] = [];
  page.on("request", (req) => {
    const match = /\/api\/v1\/voices\/([^/]+)\/preview$/.exec(new URL(req.url()).pathname);
    if (match && req.method() === "POST") previews.push({ voice: decodeURIComponent(match[1]!), body: req.postDataJSON() });
  });

  await page.goto(`/agents/${agent.id}`);
  const form = page.getByRole("form", { name: "Agent settings" });
  const voice = form.getByLabel("Voice", { exact: true });
  // The configured voices, in groups by language, the agent's language (English, US) first.
  await expect(voice).toBeEnabled();
  await expect(voice).toHaveValue("local-en-us-1");
  await expect(voice.locator("optgroup").first()).toHaveAttribute("label", "English (US)");
  await expect(voice.locator("option")).not.toHaveCount(0);
  await expect(voice.locator('option:has-text("not available")')).toHaveCount(0);

  // Play speaks the greeting as typed, unsaved, in the chosen voice; a second click stops it.
  const greeting = `Hello from the preview ${uniqueId()}.`;
  await form.getByLabel("Greeting", { exact: true }).fill(greeting);
  await voice.selectOption("local-en-gb-2");
  const play = form.getByRole("button", { name: "Play greeting" });
  await play.click();
  const stop = form.getByRole("button", { name: "Stop greeting" });
  await expect(stop).toBeVisible();
  expect(previews).toEqual([{ voice: "local-en-gb-2", body: { text: greeting } }]);
  const audio = page.getByTestId("voice-preview-audio");
  await expect.poll(() => audio.evaluate((el: HTMLAudioElement) => el.src.startsWith("blob:") && !el.paused)).toBe(true);
  await stop.click();
  await expect(play).toBeVisible();
  expect(await audio.evaluate((el: HTMLAudioElement) => el.paused)).toBe(true);

  // Changing the language to one the voice does not speak brings that language's first voice along.
  await form.getByLabel("Language", { exact: true }).selectOption({ label: "German" });
  await expect(voice).toHaveValue(/^local-de-de-/);
  await expect(voice.locator("optgroup").first()).toHaveAttribute("label", "German");
  await form.getByLabel("Language", { exact: true }).selectOption({ label: "English (UK)" });
  await voice.selectOption("local-en-gb-2");

  await form.getByLabel(/^Address/).fill("1420 Maple Avenue, Suite 200\nFree parking behind the building");
  const services = form.getByLabel(/^Services/);
  await services.fill("Cleanings\n\n  Teeth whitening  \ncleanings");
  await form.getByRole("button", { name: "Save changes" }).click();
  // A duplicate (case-insensitive) is refused next to the field, before anything is sent.
  await expect(page.locator("#agent-services-error")).toContainText("listed twice");
  await expect(services).toBeFocused();
  await services.fill("Cleanings\n\n  Teeth whitening  \nInvisalign");
  await expect(form.getByText("3 / 30")).toBeVisible();
  await form.getByRole("button", { name: "Save changes" }).click();
  await expect(toast(page, "Changes saved")).toBeVisible();

  expect(await api.agent(agent.id)).toMatchObject({
    language: "en-GB",
    voiceId: "local-en-gb-2",
    address: "1420 Maple Avenue, Suite 200\nFree parking behind the building",
    services: ["Cleanings", "Teeth whitening", "Invisalign"],
  });
  await page.reload();
  await expect(form.getByLabel("Voice", { exact: true })).toHaveValue("local-en-gb-2");
  await expect(form.getByLabel(/^Services/)).toHaveValue("Cleanings\nTeeth whitening\nInvisalign");

  // The API refuses a voice the text-to-speech does not offer, naming the field.
  const refused = await api.patch(`/api/v1/agents/${agent.id}`, { voiceId: "not-a-voice" });
  expect(refused.status).toBe(422);
  expect(refused.error?.field).toBe("voiceId");
});

test("the TTS model is offered only for ElevenLabs voices, each with its price, and saved with the agent", async ({ page, admin, api }) => {
  void admin;
  const agent = await api.createAgent({ name: `TTS model ${uniqueId()}` });
  await page.goto(`/agents/${agent.id}`);
  const form = page.getByRole("form", { name: "Agent settings" });
  // The local voices have one model each: nothing to choose.
  await expect(form.getByLabel("Voice", { exact: true })).toBeEnabled();
  await expect(form.getByLabel("TTS model")).toHaveCount(0);

  // The same editor when the voice server speaks through ElevenLabs (this web server has no key, so
  // its voice list is answered here as the ElevenLabs catalog would make it; saving is the real API).
  await page.route("**/api/v1/voices", (route) =>
    route.fulfill({ json: { data: [{ id: "21m00Tcm4TlvDq8ikWAM", name: "Rachel", language: "en-US", gender: "female", provider: "elevenlabs" }] } }),
  );
  await page.reload();
  const model = form.getByLabel("TTS model");
  await expect(model).toHaveValue("");
  await expect(model.locator("option")).toHaveText([
    "Server default",
    "Flash v2.5 (lowest latency) · $0.05 / 1K characters",
    "Turbo v2.5 · $0.05 / 1K characters",
    "Multilingual v2 (most natural, slower) · $0.10 / 1K characters",
  ]);
  await model.selectOption("eleven_multilingual_v2");
  await form.getByRole("button", { name: "Save changes" }).click();
  await expect(toast(page, "Changes saved")).toBeVisible();
  expect(await api.agent(agent.id)).toMatchObject({ ttsModel: "eleven_multilingual_v2", voiceId: "local-en-us-1" });
  await page.reload();
  await expect(form.getByLabel("TTS model")).toHaveValue("eleven_multilingual_v2");

  // Back to the server's default: stored as null.
  await form.getByLabel("TTS model").selectOption("");
  await form.getByRole("button", { name: "Save changes" }).click();
  await expect(toast(page, "Changes saved")).toBeVisible();
  expect((await api.agent(agent.id)).ttsModel).toBeNull();
});
