// Sign-up, session persistence, sign-out and sign-in through the real forms.
import { expect, newAccount, signUpViaApi, test } from "./support/fixtures";

test("sign up a new business, keep the session across a reload, sign out and sign in again", async ({ page }) => {
  const account = newAccount("signup");

  await page.goto("/sign-up");
  await expect(page.getByRole("heading", { name: "Create your workspace" })).toBeVisible();
  await page.getByLabel("Your name", { exact: true }).fill(account.name);
  await page.getByLabel("Email", { exact: true }).fill(account.email);
  await page.getByLabel("Password", { exact: true }).fill(account.password);
  await page.getByLabel("Business name", { exact: true }).fill(account.businessName);
  await page.getByRole("button", { name: "Create account" }).click();

  await expect(page).toHaveURL(/\/overview$/);
  const topBar = page.getByRole("banner");
  await expect(topBar.getByText(account.businessName, { exact: true })).toBeVisible();
  await expect(page.getByRole("heading", { level: 1, name: "Welcome, Robin" })).toBeVisible();
  // The creator is the workspace's admin.
  await expect(topBar.getByText("Admin", { exact: true })).toBeVisible();

  await page.reload();
  await expect(page).toHaveURL(/\/overview$/);
  await expect(topBar.getByText(account.businessName, { exact: true })).toBeVisible();

  await topBar.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in(\?|$)/);
  await expect(page.getByRole("heading", { name: "Sign in to Frontdesk" })).toBeVisible();
  // The session is really gone, not just the page.
  await page.goto("/overview");
  await expect(page).toHaveURL(/\/sign-in(\?|$)/);

  await page.getByLabel("Email", { exact: true }).fill(account.email);
  await page.getByLabel("Password", { exact: true }).fill(account.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/overview$/);
  await expect(page.getByRole("banner").getByText(account.businessName, { exact: true })).toBeVisible();
});

test("a wrong password and an unknown email get the same generic error", async ({ page }) => {
  const account = newAccount("wrongpw");
  await signUpViaApi(page.request, account);
  await page.context().clearCookies(); // signed up, then signed out: these try the sign-in form

  await page.goto("/sign-in");
  await page.getByLabel("Email", { exact: true }).fill(account.email);
  await page.getByLabel("Password", { exact: true }).fill(`${account.password}-wrong`);
  let attempt = page.waitForResponse((r) => r.url().includes("/api/auth/callback/credentials"));
  await page.getByRole("button", { name: "Sign in" }).click();
  await attempt;
  const alert = page.getByRole("alert").filter({ hasText: "Email or password is incorrect." });
  await expect(alert).toBeVisible();
  await expect(page).toHaveURL(/\/sign-in(\?|$)/);

  // Same words for an address that has no account: the form does not reveal which accounts exist.
  await page.getByLabel("Email", { exact: true }).fill(`nobody-${account.email}`);
  await page.getByLabel("Password", { exact: true }).fill(account.password);
  attempt = page.waitForResponse((r) => r.url().includes("/api/auth/callback/credentials"));
  await page.getByRole("button", { name: "Sign in" }).click();
  await attempt;
  await expect(alert).toBeVisible();
  await expect(page).toHaveURL(/\/sign-in(\?|$)/);

  // And the right password still works afterwards.
  await page.getByLabel("Email", { exact: true }).fill(account.email);
  await page.getByLabel("Password", { exact: true }).fill(account.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/overview$/);
});

test("signed-out visitors are sent to sign in", async ({ page }) => {
  for (const path of ["/agents", "/agents/new", "/overview", "/phone-numbers"]) {
    await page.goto(path);
    await expect(page, `${path} while signed out`).toHaveURL(/\/sign-in(\?|$)/);
  }
  await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
  const api = await page.request.get("/api/v1/agents", { failOnStatusCode: false });
  expect(api.status()).toBe(401);
  expect((await api.json()) as unknown).toMatchObject({ error: { code: "UNAUTHENTICATED" } });
});

test("a signed-out visit to a page comes back to that page after signing in", async ({ page }) => {
  const account = newAccount("callback");
  await signUpViaApi(page.request, account);
  await page.context().clearCookies(); // signed up, then signed out: these try the sign-in form

  await page.goto("/phone-numbers?from=bookmark");
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fphone-numbers%3Ffrom%3Dbookmark$/);
  await page.getByLabel("Email", { exact: true }).fill(account.email);
  await page.getByLabel("Password", { exact: true }).fill(account.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/phone-numbers\?from=bookmark$/);
  await expect(page.getByRole("heading", { level: 1, name: "Phone numbers" })).toBeVisible();

  // A callbackUrl that points elsewhere (//evil, https://evil, /\evil) is refused by safeCallbackUrl:
  // unit-tested in lib/tenant/sign-in-redirect.test.ts, so no extra sign-ins here (they are rate-limited).
});
