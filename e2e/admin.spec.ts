// The super admin's cockpit: signing in lands on /admin, a workspace is found in the tenants table and
// suspended with a reason (its person is signed out and refused), then resumed (they sign in again).
import { DEMO } from "./support/env";
import { expect, newAccount, signInViaApi, signUpViaApi, test } from "./support/fixtures";

test("a super admin suspends a workspace with a reason and resumes it", async ({ page, browser }) => {
  const owner = newAccount("suspended");
  const tenantContext = await browser.newContext();
  const tenantPage = await tenantContext.newPage();
  await signUpViaApi(tenantPage.request, owner);

  // Signing in through the form, with no page to return to, lands on the admin section.
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(DEMO.superAdmin.email);
  await page.getByLabel("Password").fill(DEMO.superAdmin.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/admin$/);
  await expect(page.getByRole("heading", { level: 1, name: "Platform administration" })).toBeVisible();

  // The table arrives once the page has hydrated and fetched: typing before that was lost on a slow
  // machine (the form submitted natively and the page reloaded unfiltered).
  await expect(page.getByRole("table", { name: "Workspaces" })).toBeVisible();
  await page.getByLabel("Search workspaces").fill(owner.businessName);
  await page.getByRole("button", { name: "Search" }).click();
  const row = page.getByRole("link", { name: owner.businessName });
  await expect(row).toBeVisible();
  await expect(page.getByRole("table", { name: "Workspaces" }).getByRole("row")).toHaveCount(2);
  await row.click();
  await expect(page.getByRole("heading", { level: 1, name: owner.businessName })).toBeVisible();

  await page.getByRole("button", { name: "Suspend workspace" }).click();
  const dialog = page.getByRole("alertdialog");
  await dialog.getByLabel("Reason").fill("Chargeback under review");
  await dialog.getByRole("button", { name: "Suspend", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "Chargeback under review" })).toBeVisible();
  await expect(page.getByRole("table", { name: "Latest audit entries" }).getByText("tenant.suspend")).toBeVisible();

  // The workspace's person is signed out: their API says why, their dashboard sends them to sign-in.
  const me = await tenantPage.request.get("/api/v1/me", { failOnStatusCode: false });
  expect(me.status()).toBe(403);
  await tenantPage.goto("/agents");
  await expect(tenantPage).toHaveURL(/\/sign-in\?error=TENANT_SUSPENDED$/);

  await page.getByRole("button", { name: "Resume workspace" }).click();
  await expect(page.getByRole("button", { name: "Suspend workspace" })).toBeVisible();
  await expect(page.getByRole("table", { name: "Latest audit entries" }).getByText("tenant.resume")).toBeVisible();

  // Their old session stays ended; signing in again works.
  expect((await tenantPage.request.get("/api/v1/me", { failOnStatusCode: false })).status()).toBe(401);
  await signInViaApi(tenantPage.request, owner);
  await tenantPage.goto("/overview");
  await expect(tenantPage).toHaveURL(/\/overview$/);
  await tenantContext.close();
});
