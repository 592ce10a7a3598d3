// The first sign-up on a freshly started server lands in the dashboard, not on /sign-in.
// On a fresh `npm run dev` the first compile of /api/auth/[...nextauth] holds the sign-up page's
// session probe (GET /api/auth/session, fired on load with no cookies yet) for many seconds. When the
// form still signed in with a second request (signIn()), that late answer's Set-Cookie replaced the
// CSRF cookie and the credentials POST failed without an error. Now the sign-up response itself carries
// the session cookie; here the probe's answer is still held until after it, and must not undo it.
import { expect, newAccount, test } from "./support/fixtures";

test("the automatic sign-in after sign-up survives a session probe that answers late", async ({ page }) => {
  let signUpAnswered!: () => void;
  const signUpDone = new Promise<void>((resolve) => (signUpAnswered = resolve));
  page.on("response", (response) => {
    if (new URL(response.url()).pathname === "/api/auth/signup") signUpAnswered();
  });

  let held = 0;
  await page.route("**/api/auth/session", async (route) => {
    const request = route.request();
    // Sent now, outside the browser (so its Set-Cookie is not applied yet), with the cookies the
    // browser has now: none before the first sign-in.
    const response = await fetch(request.url(), { headers: await request.allHeaders() });
    const body = Buffer.from(await response.arrayBuffer());
    held += 1;
    await signUpDone; // ...and delivered only after the sign-up's answer set the session cookie
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

  // A password hash at OWASP cost on a busy two-core box: a generous limit.
  await expect(page).toHaveURL(/\/overview/, { timeout: 60_000 });
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await page.reload(); // still signed in: the late probe answer did not clear the cookie
  await expect(page).toHaveURL(/\/overview/);
  expect(held, "the page's session probe was held").toBeGreaterThan(0);
});
