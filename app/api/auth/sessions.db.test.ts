// Server-side sessions through the real /api/auth/* route (next-auth's credentials flow, as the sign-in
// form's signIn() drives it) and the session guard: sign-up and sign-in each create a row, sign-out
// revokes it, and the first sign-in of a new browser survives a late session probe.
import { describe, expect, it } from "vitest";
import * as nextauth from "./[...nextauth]/route";
import * as signup from "./signup/route";
import * as me from "../v1/me/route";
import { getDb } from "@/lib/db/client";
import { ORIGIN } from "@/lib/test/factories";
import { TestBrowser } from "@/lib/test/browser";
import { randomBytes } from "node:crypto";

process.env.NEXTAUTH_URL ??= ORIGIN; // as the launcher sets it (APP_URL)

const auth = (segments: string) => ({ nextauth: segments.split("/") });

/** An account made on another device: sign-up signs that one in (its own session), `browser` stays signed out. */
async function newAccount() {
  const id = randomBytes(4).toString("hex");
  const account = { name: "Sam Owner", email: `sessions-${id}@test.example`, password: `correct horse ${id} battery`, businessName: `Bakery ${id}` };
  const res = await new TestBrowser().call(signup.POST, "POST", "/api/auth/signup", {}, { json: account });
  expect(res.status, await res.clone().text()).toBe(201);
  return { ...account, userId: ((await res.json()) as { data: { user: { id: string } } }).data.user.id };
}

async function csrfToken(browser: TestBrowser): Promise<string> {
  const res = await browser.call(nextauth.GET, "GET", "/api/auth/csrf", auth("csrf"));
  return ((await res.json()) as { csrfToken: string }).csrfToken;
}

/** POST /api/auth/callback/credentials as next-auth/react's signIn() sends it; returns the JSON url. */
async function signIn(browser: TestBrowser, email: string, password: string, token: string): Promise<string> {
  const form = { email, password, csrfToken: token, callbackUrl: `${ORIGIN}/overview`, json: "true" };
  const res = await browser.call(nextauth.POST, "POST", "/api/auth/callback/credentials", auth("callback/credentials"), { form });
  expect([200, 401]).toContain(res.status); // 401 with the error in the url for wrong credentials
  return ((await res.json()) as { url: string }).url;
}

const sessionCookieOf = (b: TestBrowser) => b.jar.get("next-auth.session-token");
const meStatus = async (cookie: string) => (await me.GET(new Request(`${ORIGIN}/api/v1/me`, { headers: { cookie } }))).status;

describe("server-side sessions", () => {
  it("sign-up signs its browser in with a session row of its own", async () => {
    const browser = new TestBrowser();
    const id = randomBytes(4).toString("hex");
    const res = await browser.call(signup.POST, "POST", "/api/auth/signup", {}, {
      json: { name: "Sam Owner", email: `sessions-${id}@test.example`, password: `correct horse ${id} battery`, businessName: `Bakery ${id}` },
    });
    expect(res.status).toBe(201);
    const userId = ((await res.json()) as { data: { user: { id: string } } }).data.user.id;
    expect(await meStatus(`next-auth.session-token=${sessionCookieOf(browser)}`)).toBe(200);
    expect(await getDb().userSession.findMany({ where: { userId } })).toEqual([expect.objectContaining({ revokedAt: null, userAgent: "TestBrowser/1.0 (vitest)" })]);
  });

  it("sign-in creates a session row; sign-out revokes it, so a copied cookie stops working at once", async () => {
    const browser = new TestBrowser();
    const account = await newAccount();
    const url = await signIn(browser, account.email, account.password, await csrfToken(browser));
    expect(url).toBe(`${ORIGIN}/overview`);
    // The sign-up's own session (the other device) and this sign-in's.
    const rows = (await getDb().userSession.findMany({ where: { userId: account.userId }, orderBy: { createdAt: "asc" } })).slice(1);
    expect(rows).toHaveLength(1);
    // No proxy configured and no app server: the address is unknown, and stored as null, not a marker.
    expect(rows[0]).toMatchObject({ revokedAt: null, userAgent: "TestBrowser/1.0 (vitest)", ip: null });

    const copied = `next-auth.session-token=${sessionCookieOf(browser)}`;
    expect(await meStatus(copied)).toBe(200);

    const form = { csrfToken: await csrfToken(browser), callbackUrl: `${ORIGIN}/sign-in`, json: "true" };
    const out = await browser.call(nextauth.POST, "POST", "/api/auth/signout", auth("signout"), { form });
    expect(out.status).toBe(200);
    expect(sessionCookieOf(browser)).toBeUndefined(); // this browser forgot it...
    expect(await meStatus(copied)).toBe(401); // ...and a copy taken before is refused too
    expect((await getDb().userSession.findUniqueOrThrow({ where: { id: rows[0]!.id } })).revokedAt).not.toBeNull();
  });

  it("a wrong password creates no session", async () => {
    const browser = new TestBrowser();
    const account = await newAccount();
    const url = await signIn(browser, account.email, "not the password", await csrfToken(browser));
    expect(new URL(url).searchParams.get("error")).toBe("CredentialsSignin");
    expect(sessionCookieOf(browser)).toBeUndefined();
    expect(await getDb().userSession.count({ where: { userId: account.userId } })).toBe(1); // the sign-up's only
  });

  // The first sign-up after `npm run dev` starts: the sign-up page's session probe (GET
  // /api/auth/session, fired on load, held by the first compile of this route) answers after signIn()
  // fetched its CSRF token. Its Set-Cookie must not replace the CSRF cookie that token belongs to.
  it("signs in after sign-up even when the page's session probe answers after the CSRF token", async () => {
    const browser = new TestBrowser();
    const probe = browser.send(nextauth.GET, "GET", "/api/auth/session", auth("session")); // sent on page load, no cookies yet
    const account = await newAccount();
    const token = await csrfToken(browser);
    browser.receive(await probe); // ...and lands only now
    const url = await signIn(browser, account.email, account.password, token);
    expect(url).not.toContain("csrf=true");
    expect(url).toBe(`${ORIGIN}/overview`);
    expect(await meStatus(`next-auth.session-token=${sessionCookieOf(browser)}`)).toBe(200);
  });
});
