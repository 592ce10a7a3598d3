// Full-page screenshots of the main screens, for a person to look at (not compared automatically):
// .test-results/screenshots/{sign-in,overview,agent-form}.png, with the seeded demo workspace.
import path from "node:path";
import { DEMO, ROOT } from "./support/env";
import { expect, signInAs, test } from "./support/fixtures";

const DIR = path.join(ROOT, ".test-results", "screenshots");

test("screenshots of sign-in, overview and the agent form", async ({ page }) => {
  await page.goto("/sign-in");
  await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
  await page.screenshot({ path: path.join(DIR, "sign-in.png"), fullPage: true });

  const api = await signInAs(page, DEMO.owner);
  await page.goto("/overview");
  await expect(page.getByRole("heading", { name: "Getting started" })).toBeVisible();
  await expect(page.getByRole("status")).toHaveCount(0); // skeletons gone
  await page.screenshot({ path: path.join(DIR, "overview.png"), fullPage: true });

  const ava = (await api.agents()).find((a) => a.name === DEMO.agentName);
  expect(ava).toBeTruthy();
  await page.goto(`/agents/${ava!.id}`);
  await expect(page.getByLabel("Name", { exact: true })).toHaveValue(DEMO.agentName);
  // The time zone list fills in after hydration.
  await expect(page.getByLabel("Time zone", { exact: true })).toHaveValue("America/Chicago");
  await page.screenshot({ path: path.join(DIR, "agent-form.png"), fullPage: true });
});
