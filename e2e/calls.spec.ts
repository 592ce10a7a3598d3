// Calls after they happen: the list with its URL filters and sorting, the call page (an interrupted
// turn cut where the caller cut it, tool calls, the waveform, seeking from a turn), another workspace's
// call as a 404, and the messages inbox whose "handled" lowers the navigation badge.
import type { Page } from "@playwright/test";
import path from "node:path";
import type { CallDetail } from "@/components/calls/types";
import { seedCall, tenantIdOf, type SeedTurn } from "./support/call-seed";
import { DEMO, ROOT } from "./support/env";
import { expect, test, uniquePhoneDigits } from "./support/fixtures";

const TURNS: SeedTurn[] = [
  { role: "AGENT", text: "Hello, thanks for calling. How can I help?", startMs: 0 },
  { role: "CALLER", text: "Where do visitors park?", startMs: 2500 },
  {
    role: "AGENT",
    text: "Visitors park in the north garage. The first two hours are free, and after that",
    heardText: "Visitors park in the north garage.",
    startMs: 4000,
    // The total is 14 ms more than the endpoint wait and the providers: the platform's own time.
    latency: [210, 140, 380, 260, 1004],
  },
  { role: "CALLER", text: "Can I leave a message for Doctor Lee?", startMs: 6000 },
  { role: "TOOL", text: "", toolName: "take_message", toolArgs: { callerName: "Sam Carter", message: "Please call Doctor Lee back" }, toolResult: { ok: true }, startMs: 7000 },
  { role: "AGENT", text: "I have passed that on to Doctor Lee.", startMs: 7400, latency: [190, 120, 330, 240, 893] },
];

const row = (page: Page, text: string) => page.getByRole("row").filter({ hasText: text });

test("the calls list filters by the URL and sorts by a column", async ({ page, admin, api }) => {
  const agent = await api.createAgent({ name: "Ava list" });
  const tenantId = await tenantIdOf(admin.email);
  const [parking, failed] = [uniquePhoneDigits(), uniquePhoneDigits()];
  await seedCall(tenantId, { agentId: agent.id, fromNumber: parking, startedAt: new Date(Date.now() - 3_600_000), durationSec: 95, costCents: 42, outcome: "RESOLVED", turns: TURNS });
  await seedCall(tenantId, { agentId: agent.id, fromNumber: failed, status: "FAILED", startedAt: new Date(Date.now() - 7_200_000), durationSec: 10, costCents: 5, turns: [{ role: "CALLER", text: "About my invoice", startMs: 0 }] });

  await page.goto("/calls");
  await expect(page.getByRole("heading", { level: 1, name: "Calls" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Live calls" })).toHaveAttribute("href", "/calls/live");
  await expect(row(page, parking)).toContainText("Completed");
  await expect(row(page, parking)).toContainText("$0.42");
  await expect(row(page, failed)).toContainText("Failed");

  await page.getByLabel("Status").selectOption("FAILED");
  await expect(page).toHaveURL(/status=FAILED/);
  await expect(row(page, parking)).toHaveCount(0);
  await expect(row(page, failed)).toBeVisible();
  await page.getByLabel("Status").selectOption("");

  // A range after both calls: nothing, and a way back.
  await page.getByLabel("From").fill(new Date(Date.now() + 86_400_000).toISOString().slice(0, 10));
  await expect(page.getByRole("heading", { name: "No calls match these filters" })).toBeVisible();
  await page.getByRole("button", { name: "Clear filters" }).click();
  await expect(row(page, failed)).toBeVisible();

  // Duration: longest first, then flipped.
  await page.getByRole("button", { name: "Duration" }).click();
  await expect(page).toHaveURL(/sort=duration/);
  await expect(page.getByRole("row").nth(1)).toContainText(parking);
  await page.getByRole("button", { name: "Duration" }).click();
  await expect(page).toHaveURL(/order=asc/);
  await expect(page.getByRole("row").nth(1)).toContainText(failed);

  // Transcript search, debounced into the URL; the export link carries the same filters.
  await page.getByLabel("Search transcripts").fill("park");
  await expect(page).toHaveURL(/q=park/);
  await expect(row(page, failed)).toHaveCount(0);
  await expect(row(page, parking)).toBeVisible();
  await expect(page.getByRole("link", { name: "Export CSV" })).toHaveAttribute("href", /\/api\/v1\/calls\/export\?.*q=park.*sort=duration&order=asc/);

  await row(page, parking).getByRole("link").click();
  await expect(page.getByRole("heading", { level: 1, name: `Call from ${parking}` })).toBeVisible();
});

test("the call page shows the interrupted turn cut at what was heard, and the recording follows the transcript", async ({ page, admin, api }) => {
  const agent = await api.createAgent({ name: "Ava detail" });
  const tenantId = await tenantIdOf(admin.email);
  const caller = uniquePhoneDigits();
  const { id } = await seedCall(tenantId, {
    agentId: agent.id, fromNumber: caller, startedAt: new Date(Date.now() - 600_000), durationSec: 9, costCents: 7, outcome: "MESSAGE_TAKEN",
    turns: TURNS, transferTo: "+15550109876", recordingSec: 9,
    message: { callerName: "Sam Carter", callerPhone: "+15550104444", body: "Please call Doctor Lee back", urgency: "HIGH", audio: { startMs: 6000, endMs: 6900 } },
  });

  await page.goto(`/calls/${id}`);
  const transcript = page.getByRole("list", { name: "Transcript" });
  const cut = transcript.getByRole("listitem").filter({ hasText: "north garage" });
  await expect(cut.getByText("interrupted")).toBeVisible();
  await expect(cut.getByText("Visitors park in the north garage.", { exact: true })).toBeVisible();
  await expect(cut.getByTestId("unheard")).toHaveText(" The first two hours are free, and after that");
  await expect(cut.getByTestId("unheard")).toHaveCSS("text-decoration-line", "line-through");

  const tool = transcript.getByRole("listitem").filter({ hasText: "Tool: take_message" });
  await tool.getByText("Arguments").click();
  await expect(tool.getByText('"callerName": "Sam Carter"')).toBeVisible();
  await expect(tool.getByText('"ok": true')).toBeHidden(); // the result stays folded
  expect(await page.locator("audio").evaluate((a: HTMLAudioElement) => a.paused)).toBe(true); // unfolding did not seek
  await expect(page.getByText("+15550109876")).toBeVisible(); // transferred to
  await expect(page.getByRole("region", { name: "Messages taken" })).toContainText("Please call Doctor Lee back");
  await expect(page.getByRole("img", { name: "Response latency per agent turn: 00:04: 1004 ms (platform 14 ms), 00:07: 893 ms (platform 13 ms)" })).toBeVisible();
  // The legend names the parts in the order they happen and stack, the platform's own time last.
  await expect(page.getByRole("region", { name: "Response latency" }).locator(".recharts-legend-item-text")).toHaveText(["Endpoint", "STT", "LLM first token", "TTS first byte", "Platform"]);
  const detail = await api.get<CallDetail>(`/api/v1/calls/${id}`);
  expect(detail.data!.turns.map((t) => t.platformLatencyMs)).toEqual([null, null, 14, null, null, 13]);

  // The waveform is drawn from the WAV: some pixel in the agent's lane is painted.
  const waveform = page.getByTestId("waveform");
  await expect(waveform).toHaveAttribute("data-drawn", "true");
  const painted = await waveform.evaluate((el) => {
    const c = el as HTMLCanvasElement;
    const data = c.getContext("2d")!.getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) n++;
    return n;
  });
  expect(painted).toBeGreaterThan(100);

  // Clicking a turn seeks the audio there and highlights that turn.
  const audio = page.locator("audio");
  await expect.poll(() => audio.evaluate((a: HTMLAudioElement) => a.readyState)).toBeGreaterThanOrEqual(1);
  await transcript.getByRole("button", { name: "Play from 00:06" }).click();
  // It plays from there; stop it so the highlight stays on this turn (the next starts at 00:07).
  await audio.evaluate((a: HTMLAudioElement) => a.pause());
  const at = await audio.evaluate((a: HTMLAudioElement) => a.currentTime);
  expect(at).toBeGreaterThanOrEqual(6);
  expect(at).toBeLessThan(7);
  await expect(transcript.getByRole("listitem").filter({ hasText: "leave a message" })).toHaveAttribute("aria-current", "true");
  // A message kept as audio plays from where it was said (a little before: speech onset is detected late).
  await audio.evaluate((a: HTMLAudioElement) => (a.currentTime = 0));
  await page.getByRole("region", { name: "Messages taken" }).getByRole("button", { name: "Play the message from 00:06 in the recording" }).click();
  await audio.evaluate((a: HTMLAudioElement) => a.pause());
  const from = await audio.evaluate((a: HTMLAudioElement) => a.currentTime);
  expect(from).toBeGreaterThanOrEqual(5.7);
  expect(from).toBeLessThan(6.5);
  // For a person to look at (not compared): .test-results/screenshots/call-detail.png
  await page.screenshot({ path: path.join(ROOT, ".test-results", "screenshots", "call-detail.png"), fullPage: true });

  // Another workspace's call is not found, like one that never existed.
  const foreign = await seedCall(await tenantIdOf(DEMO.owner.email), { fromNumber: uniquePhoneDigits(), startedAt: new Date(), durationSec: 5 });
  await page.goto(`/calls/${foreign.id}`);
  await expect(page.getByRole("heading", { name: "Call not found" })).toBeVisible();
});

test("marking a message handled lowers the unhandled badge in the navigation", async ({ page, admin }) => {
  const tenantId = await tenantIdOf(admin.email);
  const base = { fromNumber: uniquePhoneDigits(), startedAt: new Date(Date.now() - 900_000), durationSec: 30 };
  await seedCall(tenantId, { ...base, message: { callerName: "Robin Hale", callerPhone: "+1 555 010 2222", body: "Needs to move Tuesday's cleaning", urgency: "HIGH" } });
  await seedCall(tenantId, { ...base, message: { callerName: "Kim Park", callerPhone: "+15550103333", body: "Asks about whitening prices", urgency: "NORMAL" } });
  // Said to a recogniser that could not take it down: kept as where it was said, and played from there.
  const spoken = await seedCall(tenantId, {
    ...base,
    recordingSec: 12,
    turns: [{ role: "CALLER", text: "", startMs: 4000 }],
    message: { callerName: "Unknown caller", callerPhone: "5551234", body: "The caller left a spoken message: play it from the call recording.", urgency: "NORMAL", audio: { startMs: 4000, endMs: 9000 } },
  });
  await seedCall(tenantId, { ...base, message: { callerName: "Unknown caller", callerPhone: "5559876", body: "Spoken, recording lost", urgency: "LOW", audio: { startMs: 1000, endMs: 3000 } } });

  await page.goto("/messages");
  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(nav.getByRole("link", { name: /Messages.*4 unhandled messages/ })).toBeVisible();
  const robin = page.getByRole("listitem", { name: "Message from Robin Hale" });
  await expect(robin.getByRole("link", { name: "+1 555 010 2222" })).toHaveAttribute("href", "tel:+15550102222");
  await expect(robin.getByText("Urgent")).toBeVisible();

  const voice = page.getByRole("listitem", { name: "Message from Unknown caller" }).filter({ hasText: "5551234" });
  await expect(robin.getByRole("button", { name: /Play the message/ })).toHaveCount(0);
  await voice.getByRole("button", { name: "Play the message from Unknown caller" }).click();
  const clip = voice.getByLabel("Spoken message from Unknown caller");
  await expect(clip).toHaveAttribute("src", `/api/v1/calls/${spoken.id}/recording#t=3.70,9.50`);
  // The browser plays just that stretch: it starts at the clip (the WAV loads through the recording route).
  await expect.poll(() => clip.evaluate((a: HTMLAudioElement) => a.readyState)).toBeGreaterThanOrEqual(1);
  expect(await clip.evaluate((a: HTMLAudioElement) => a.currentTime)).toBeGreaterThanOrEqual(3.7);
  // A message whose call has no recording stored says so instead of leaving a dead player.
  const lost = page.getByRole("listitem", { name: "Message from Unknown caller" }).filter({ hasText: "5559876" });
  await lost.getByRole("button", { name: "Play the message from Unknown caller" }).click();
  await expect(lost.getByText("The call's recording is not available, so the message cannot be played.")).toBeVisible();

  await robin.getByRole("button", { name: "Mark message from Robin Hale handled" }).click();
  await expect(nav.getByRole("link", { name: /Messages.*3 unhandled messages/ })).toBeVisible();
  // It stays in place (an accidental click is one "Reopen" away) until the list is loaded again.
  await expect(robin.getByText("Handled", { exact: true })).toBeVisible();
  await page.reload();
  await expect(page.getByRole("listitem", { name: "Message from Kim Park" })).toBeVisible();
  await expect(robin).toHaveCount(0);
  await page.getByRole("button", { name: "All", exact: true }).click();
  await expect(robin.getByText("Handled", { exact: true })).toBeVisible();
  await robin.getByRole("button", { name: "Reopen message from Robin Hale" }).click();
  await expect(nav.getByRole("link", { name: /Messages.*4 unhandled messages/ })).toBeVisible();
});
