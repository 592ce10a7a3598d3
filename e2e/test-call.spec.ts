// Testing an agent from its page: a call through Chromium's fake microphone, fed from a WAV of a caller
// asking the opening hours (the speech fixtures' recording, at 16 kHz), and the text chat.
import { readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { decodeMulaw } from "../lib/audio/mulaw";
import { resample } from "../lib/audio/resample";
import { encodeWav } from "../lib/audio/wav";
import config from "./playwright.config";
import { ROOT } from "./support/env";
import { expect, test } from "./support/fixtures";

// Silence while the agent greets, the question, then silence long enough that the file (which Chromium
// loops) does not ask again before the spec is done.
function callerWav(): string {
  const question = decodeMulaw(readFileSync(path.join(ROOT, "lib/test/fixtures/speech/what-time-do-you-open-on-saturday.ulaw")));
  const at16k = resample(question, 8000, 16_000);
  const samples = new Int16Array(16_000 * 5 + at16k.length + 16_000 * 25);
  samples.set(at16k, 16_000 * 5);
  const file = path.join(tmpdir(), "frontdesk-e2e-caller-saturday.wav");
  writeFileSync(file, encodeWav(samples, 16_000));
  return file;
}

const base = config.projects![0]!.use!.launchOptions!;
test.use({
  permissions: ["microphone"],
  launchOptions: {
    ...base,
    args: [...(base.args ?? []), "--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream", `--use-file-for-fake-audio-capture=${callerWav()}`],
  },
});

const weekday = [{ open: "09:00", close: "17:00" }];
const businessHours = { monday: weekday, tuesday: weekday, wednesday: weekday, thursday: weekday, friday: weekday, saturday: [{ open: "10:00", close: "13:00" }], sunday: [] };

test("talk to an agent through the microphone, then chat with it", async ({ page, api, admin }) => {
  expect(admin.email).toBeTruthy();
  const agent = await api.createAgent({ greeting: "Hello, Test Dental.", businessHours });
  await page.goto(`/agents/${agent.id}`);
  const panel = page.locator("#agent-test");
  await panel.getByRole("button", { name: "Start call" }).click();
  await expect(panel.getByRole("status")).toHaveText("On the call");

  const transcript = panel.getByRole("list", { name: "Call transcript" });
  await expect(transcript).toContainText("Hello, Test Dental.", { timeout: 20_000 });
  await expect(transcript).toContainText("what time do you open on saturday", { timeout: 25_000 });
  await expect(transcript.getByRole("listitem").filter({ hasText: /saturday.*10|10.*saturday/i }).last()).toBeVisible({ timeout: 15_000 });
  await expect(page.getByRole("meter", { name: "Microphone level" })).toBeVisible();
  await panel.getByRole("button", { name: "Hang up" }).click();
  await expect(panel.getByRole("status")).toHaveText("Call ended");

  await panel.getByRole("tab", { name: "Chat" }).click();
  await panel.getByRole("button", { name: "Start chat" }).click();
  const chat = panel.getByRole("list", { name: "Chat transcript" });
  await expect(chat).toContainText("Hello, Test Dental.");
  await panel.getByLabel("Message to the agent").fill("what time do you open on saturday");
  await panel.getByRole("button", { name: "Send" }).click();
  await expect(chat.getByRole("listitem").filter({ hasText: /saturday.*10|10.*saturday/i }).last()).toBeVisible();

  // Both are in the calls list as web calls of this agent.
  const calls = await api.get<{ direction: string; agent?: { id: string } | null }[]>(`/api/v1/calls?agentId=${agent.id}`);
  expect(calls.data?.filter((c) => c.direction === "WEB" || c.direction === "web")).toHaveLength(2);
});
