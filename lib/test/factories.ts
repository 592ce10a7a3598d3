// Test data and request helpers for the db test tier. Everything is created through the same domain
// functions the app uses; requests go through the real route handlers with a real session cookie.
import { randomBytes } from "node:crypto";
import { signUp } from "../auth/signup";
import { signInCookie } from "../auth/sessions";
import { getDb } from "../db/client";
import { hashPassword } from "../auth/password";
import type { Prisma } from "../db/generated/client";
import { hitRateLimit, type RateLimit } from "../auth/rate-limit";

export const ORIGIN = "http://localhost:3000";

/** A short random suffix for emails and names that must not collide between tests. */
export const unique = () => randomBytes(4).toString("hex");

export type TestTenant = Awaited<ReturnType<typeof createTestTenant>>;

// Every test user has the same password; one scrypt run (~0.5 s at today's cost) serves them all.
let memberHash: Promise<string> | undefined;

/** A tenant with an admin (from sign-up) and a plain user, each with a session cookie. */
export async function createTestTenant(name = "Acme Clinic") {
  const db = getDb();
  const password = "test-password-123";
  const signed = await signUp(db, { name: "Ada Admin", email: `admin-${unique()}@test.example`, password, businessName: name });
  // Generous quotas so tests are not limited by the free plan; quota tests set their own.
  await db.tenant.update({ where: { id: signed.tenant.id }, data: { maxAgents: 100, maxPhoneNumbers: 100, maxConcurrentCalls: 100, maxKnowledgeDocuments: 1000, maxKnowledgeMegabytes: 10_000 } });
  const member = await db.user.create({
    data: {
      email: `user-${unique()}@test.example`,
      name: "Uma User",
      passwordHash: await (memberHash ??= hashPassword(password, { maxWaitMs: Infinity })),
      memberships: { create: { tenantId: signed.tenant.id, role: "USER" } },
    },
  });
  return {
    tenant: signed.tenant,
    admin: { ...signed.user, password, cookie: (await signInCookie(db, signed.user.id, signed.tenant.id)).cookie },
    user: { id: member.id, email: member.email, password, cookie: (await signInCookie(db, member.id, signed.tenant.id)).cookie },
  };
}

/** Uses up `n` hits of a rate limit for a subject, as earlier requests would have. */
export async function spend(limit: RateLimit, subject: string, n: number) {
  for (let i = 0; i < n; i++) await hitRateLimit(getDb(), limit, subject);
}

type RequestOpts = { cookie?: string; body?: unknown; origin?: string | null; headers?: Record<string, string> };

export function apiRequest(method: string, path: string, opts: RequestOpts = {}): Request {
  const headers = new Headers(opts.headers);
  headers.set("host", new URL(ORIGIN).host);
  if (opts.cookie) headers.set("cookie", opts.cookie);
  if (opts.origin !== null && method !== "GET") headers.set("origin", opts.origin ?? ORIGIN);
  let body: string | undefined;
  if (opts.body !== undefined) {
    headers.set("content-type", "application/json");
    body = typeof opts.body === "string" ? opts.body : JSON.stringify(opts.body);
  }
  return new Request(`${ORIGIN}${path}`, { method, headers, body });
}

export function params<P>(p: P): { params: Promise<P> } {
  return { params: Promise.resolve(p) };
}

// Default any: tests read response bodies ad hoc (`body.error.code`) and assert on them with expect().
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function json<T = any>(res: Response): Promise<{ status: number; body: T }> {
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
}

export function validAgentInput(overrides: Record<string, unknown> = {}) {
  return {
    name: "Reception",
    greeting: "Hello, thanks for calling!",
    systemPrompt: "You are a helpful receptionist.",
    ...overrides,
  };
}

/** A call row written directly (as the voice server will), for tests that read calls back. */
export async function createTestCall(tenantId: string, overrides: Partial<Prisma.CallUncheckedCreateInput> = {}) {
  return getDb().call.create({
    data: { tenantId, providerCallId: `CA${unique()}${unique()}`, fromNumber: "+15550109999", toNumber: "+15550100001", ...overrides },
  });
}
