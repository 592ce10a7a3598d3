// Shared helpers for the specs: unique accounts, sign-up and sign-in over HTTP (fast setup; the UI
// flows themselves are covered in auth.spec.ts), and a same-origin JSON client for /api/v1 that
// carries the browser context's session cookie.
import { randomBytes } from "node:crypto";
import { test as base, expect, type APIRequestContext, type Page } from "@playwright/test";
import type { Agent } from "@/components/agents/types";
import type { PhoneNumber } from "@/components/phone-numbers/types";
import { BASE_URL } from "./env";

export { expect };
export type { Agent, PhoneNumber };

export type Account = { name: string; email: string; password: string; businessName: string };
export type Credentials = { email: string; password: string };
export type ApiErrorBody = { error: { code: string; message: string; field?: string } };
export type ApiResult<T> = { status: number; data: T | undefined; error: ApiErrorBody["error"] | undefined };

/** Unique within and across runs (the e2e database is fresh per server start, but retries reuse it). */
export function uniqueId(): string {
  return `${Date.now().toString(36)}${randomBytes(3).toString("hex")}`;
}

export function newAccount(label = "owner"): Account {
  const id = uniqueId();
  return {
    name: `Robin ${label}`,
    email: `${label}-${id}@e2e.example`,
    password: `e2e-password-${id}`,
    businessName: `E2E ${label} clinic ${id}`,
  };
}

/** A phone number nobody else in this run uses: +1 555 01x xxxx. */
export function uniquePhoneDigits(): string {
  const n = randomBytes(3).readUIntBE(0, 3) % 100_000;
  return `+155501${String(n).padStart(5, "0")}`;
}

/**
 * JSON over the app's API with the context's cookies. Mutations carry Origin, as a browser's would (CSRF
 * check): the origin of the app the context talks to (its baseURL; the e2e server unless a spec moves it).
 */
export class Api {
  constructor(
    private readonly request: APIRequestContext,
    private readonly origin: string = BASE_URL,
  ) {}

  async call<T>(method: "GET" | "POST" | "PATCH" | "DELETE", path: string, body?: unknown): Promise<ApiResult<T>> {
    const headers: Record<string, string> = { Accept: "application/json" };
    if (method !== "GET") headers.Origin = this.origin;
    const response = await this.request.fetch(path, {
      method,
      headers,
      data: body === undefined ? undefined : body,
      failOnStatusCode: false,
      maxRedirects: 0,
    });
    const text = await response.text();
    let json: unknown = undefined;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON (an HTML error page): leave undefined, the status says enough
    }
    const record = (json ?? {}) as { data?: T; error?: ApiErrorBody["error"] };
    return { status: response.status(), data: record.data, error: record.error };
  }

  get<T>(path: string) {
    return this.call<T>("GET", path);
  }
  post<T>(path: string, body: unknown = {}) {
    return this.call<T>("POST", path, body);
  }
  patch<T>(path: string, body: unknown) {
    return this.call<T>("PATCH", path, body);
  }
  delete(path: string) {
    return this.call<void>("DELETE", path);
  }

  /** A minimal valid agent; everything else takes the API's defaults. */
  async createAgent(overrides: Partial<Agent> = {}): Promise<Agent> {
    const result = await this.post<Agent>("/api/v1/agents", {
      name: `Agent ${uniqueId()}`,
      greeting: "Hello, thanks for calling. How can I help?",
      systemPrompt: "You are a helpful receptionist. Keep answers short.",
      ...overrides,
    });
    expect(result.status, `create agent: ${JSON.stringify(result.error)}`).toBe(201);
    return result.data!;
  }

  async agent(id: string): Promise<Agent> {
    const result = await this.get<Agent>(`/api/v1/agents/${id}`);
    expect(result.status, `get agent ${id}: ${JSON.stringify(result.error)}`).toBe(200);
    return result.data!;
  }

  async agents(): Promise<Agent[]> {
    const result = await this.get<Agent[]>("/api/v1/agents");
    expect(result.status).toBe(200);
    return result.data!;
  }

  async phoneNumbers(): Promise<PhoneNumber[]> {
    const result = await this.get<PhoneNumber[]>("/api/v1/phone-numbers");
    expect(result.status).toBe(200);
    return result.data!;
  }
}

/**
 * POST /api/auth/signup: a new user, their workspace and admin membership. The response carries the new
 * admin's session cookie, so the context is signed in as them afterwards (checked).
 */
export async function signUpViaApi(request: APIRequestContext, account: Account, origin: string = BASE_URL): Promise<void> {
  const response = await request.post("/api/auth/signup", {
    headers: { Origin: origin },
    data: account,
    failOnStatusCode: false,
  });
  expect(response.status(), `sign-up of ${account.email}: ${await response.text()}`).toBe(201);
  expect(((await response.json()) as { data: { signedIn: boolean } }).data.signedIn, `sign-up of ${account.email} signed in`).toBe(true);
  const me = await request.get("/api/v1/me", { failOnStatusCode: false });
  expect(me.status(), `session after signing up ${account.email}`).toBe(200);
}

/**
 * Signs the context in through next-auth's credentials endpoint (what the sign-in form's signIn()
 * does): the session cookie lands in the context, so its pages and `page.request` are signed in.
 */
export async function signInViaApi(request: APIRequestContext, creds: Credentials, origin: string = BASE_URL): Promise<void> {
  const csrf = await request.get("/api/auth/csrf");
  expect(csrf.status()).toBe(200);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const response = await request.post("/api/auth/callback/credentials", {
    form: { csrfToken, email: creds.email, password: creds.password, callbackUrl: `${origin}/overview`, json: "true" },
    failOnStatusCode: false,
    maxRedirects: 0,
  });
  expect(response.status(), `sign-in of ${creds.email}`).toBeLessThan(400);
  const me = await request.get("/api/v1/me", { failOnStatusCode: false });
  expect(me.status(), `session after signing in ${creds.email}`).toBe(200);
}

type Fixtures = {
  /** The page's session, as a JSON API client. */
  api: Api;
  /** A freshly signed-up workspace admin; `page` is signed in as them. */
  admin: Account;
};

export const test = base.extend<Fixtures>({
  api: async ({ page, baseURL }, use) => {
    await use(new Api(page.request, baseURL));
  },
  admin: async ({ page, baseURL }, use) => {
    const account = newAccount("admin");
    await signUpViaApi(page.request, account, baseURL);
    await use(account);
  },
});

/** Signs `page`'s context in as one of the seeded demo users. */
export async function signInAs(page: Page, creds: Credentials): Promise<Api> {
  await signInViaApi(page.request, creds);
  return new Api(page.request);
}

/** A toast (role=status in the polite live region) with this title. */
export function toast(page: Page, title: string) {
  return page.getByRole("status").filter({ hasText: title });
}
