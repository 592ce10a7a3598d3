// The first sign-up on a freshly started server lands in the dashboard, not on /sign-in.
// On a fresh `npm run dev` the first compile of /api/auth/[...nextauth] holds the sign-up page's
// session probe (GET /api/auth/session, fired on load with no cookies yet) for many seconds; it then
// answered after signIn() had fetched its CSRF token, its Set-Cookie replaced the CSRF cookie, and the
// credentials POST failed the CSRF check without an error (the password never checked). Here the
// probe's answer is held the same way, until the CSRF token has been handed out, on any server.
import { expect, newAccount, test } from "./support/fixtures";

test("the automatic sign-in after sign-up survives a session probe that answers late", async ({ page }) => {
  let csrfAnswered!: () => void;
  const csrfDone = new Promise<void>((resolve) => (csrfAnswered = resolve));
  page.on("response", (response) => {
    if (new URL(response.url()).pathname === "/api/auth/csrf") csrfAnswered();
  });

  let held = 0;
  await page.route("**/api/auth/session", async (route) => {
    const request = route.request();
    // Sent now, outside the browser (so its Set-Cookie is not applied yet), with the cookies the
    // browser has now: none before the first sign-in.
    const response = await fetch(request.url(), { headers: await request.allHeaders() });
    const body = Buffer.from(await response.arrayBuffer());
    held += 1;
    await csrfDone; // ...and delivered only after signIn() got its CSRF token
    await route.fulfill({
      status: response.status,
      headers: Object.fromEntries([...response.headers].filter(([name]) => name !== "set-cookie").concat(
        response.headers.getSetCookie().length ? [["set-cookie", response.headers.getSetCookie().join("\n")]] : [],
      )),
      body,
    });
  });

  const account = newAccount("first");
  await page.goto("/sign-up");
  await page.getByLabel("Your name").fill(account.name);
  await page.getByLabel("Email").fill(account.email);
  await page.getByLabel("Password").fill(account.password);
  await page.getByLabel("Business name").fill(account.businessName);
  await page.getByRole("button", { name: "Create account" }).click();

  // Two password hashes (sign-up, sign-in) at OWASP cost on a busy two-core box: a generous limit.
  await expect(page).toHaveURL(/\/overview/, { timeout: 60_000 });
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  expect(held, "the page's session probe was held").toBeGreaterThan(0);
});
