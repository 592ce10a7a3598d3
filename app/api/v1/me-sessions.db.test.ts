// A person's own sessions and password through the real /api/v1/me/* route handlers: list, revoke one,
// sign out everywhere, change password (other sessions end, this one is re-issued), and the guard's
// checks (revoked, expired, stale version, lastSeenAt written at most every few minutes).
import { beforeEach, describe, expect, it } from "vitest";
import * as me from "./me/route";
import * as sessions from "./me/sessions/route";
import * as sessionItem from "./me/sessions/[id]/route";
import * as revokeAll from "./me/sessions/revoke-all/route";
import * as password from "./me/password/route";
import { SESSION_TOUCH_INTERVAL_MS, signInCookie } from "@/lib/auth/sessions";
import { readSessionClaims } from "@/lib/auth/session-token";
import { getDb } from "@/lib/db/client";
import { resolveUserSession } from "@/lib/tenant/resolve-session";
import { apiRequest, createTestTenant, json, params, type TestTenant } from "@/lib/test/factories";

let t: TestTenant;
beforeEach(async () => {
  t = await createTestTenant("Sessions Clinic");
});

const meStatus = async (cookie: string) => (await me.GET(apiRequest("GET", "/api/v1/me", { cookie }))).status;
const newCookie = (res: Response) => res.headers.getSetCookie().find((c) => c.startsWith("next-auth.session-token="))!.split(";")[0]!;

describe("/api/v1/me/sessions", () => {
  it("lists active sessions, marks this one, and revokes another at once", async () => {
    const laptop = t.admin.cookie;
    const phone = (await signInCookie(getDb(), t.admin.id, t.tenant.id, { ip: "203.0.113.9", userAgent: "Phone" })).cookie;
    const list = await json(await sessions.GET(apiRequest("GET", "/api/v1/me/sessions", { cookie: laptop })));
    expect(list.status).toBe(200);
    expect(list.body.data).toHaveLength(2);
    const other = list.body.data.find((s: { current: boolean }) => !s.current);
    expect(other).toMatchObject({ ip: "203.0.113.9", userAgent: "Phone" });

    const del = await sessionItem.DELETE(apiRequest("DELETE", `/api/v1/me/sessions/${other.id}`, { cookie: laptop }), params({ id: other.id }));
    expect(del.status).toBe(204);
    expect(await meStatus(phone)).toBe(401);
    expect(await meStatus(laptop)).toBe(200);
  });

  it("cannot revoke someone else's session (404)", async () => {
    const theirs = (await readSessionClaims(t.user.cookie))!.sessionId;
    const res = await sessionItem.DELETE(apiRequest("DELETE", `/api/v1/me/sessions/${theirs}`, { cookie: t.admin.cookie }), params({ id: theirs }));
    expect(res.status).toBe(404);
    expect(await meStatus(t.user.cookie)).toBe(200);
  });

  it("signs out everywhere, this browser included", async () => {
    const phone = (await signInCookie(getDb(), t.admin.id, t.tenant.id)).cookie;
    const res = await revokeAll.POST(apiRequest("POST", "/api/v1/me/sessions/revoke-all", { cookie: t.admin.cookie }));
    expect(res.status).toBe(200);
    expect(res.headers.getSetCookie().some((c) => c.startsWith("next-auth.session-token=;") && c.includes("Max-Age=0"))).toBe(true);
    expect(await meStatus(phone)).toBe(401);
    expect(await meStatus(t.admin.cookie)).toBe(401);
    expect(await meStatus(t.user.cookie)).toBe(200); // other people are untouched
    const audit = await getDb().auditLog.findFirst({ where: { actorUserId: t.admin.id, action: "user.sessions_revoke_all" } });
    expect(audit).not.toBeNull();
  });

  it("refuses an expired session and a cookie from an older session version", async () => {
    const { claims, cookie } = await signInCookie(getDb(), t.user.id, t.tenant.id);
    await getDb().userSession.update({ where: { id: claims.sessionId }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await meStatus(cookie)).toBe(401);
    await getDb().user.update({ where: { id: t.user.id }, data: { sessionVersion: { increment: 1 } } });
    expect(await meStatus(t.user.cookie)).toBe(401);
  });

  it("writes lastSeenAt at most once per interval, not on every request", async () => {
    const { claims } = await signInCookie(getDb(), t.user.id, t.tenant.id);
    const row = () => getDb().userSession.findUniqueOrThrow({ where: { id: claims.sessionId } });
    const start = (await row()).lastSeenAt;
    await resolveUserSession(getDb(), claims, new Date(start.getTime() + SESSION_TOUCH_INTERVAL_MS - 1000));
    expect((await row()).lastSeenAt).toEqual(start);
    const later = new Date(start.getTime() + SESSION_TOUCH_INTERVAL_MS + 1000);
    await resolveUserSession(getDb(), claims, later);
    expect((await row()).lastSeenAt).toEqual(later);
    expect((await row()).expiresAt.getTime()).toBeGreaterThan(later.getTime());
  });
});

describe("/api/v1/me/password", () => {
  const change = (cookie: string, body: unknown) => password.POST(apiRequest("POST", "/api/v1/me/password", { cookie, body }));

  it("checks the current password and the new one's strength", async () => {
    const wrong = await json(await change(t.admin.cookie, { currentPassword: "not it at all", newPassword: "violet kettle drums 1987 upstairs" }));
    expect(wrong.status).toBe(422);
    expect(wrong.body.error.field).toBe("currentPassword");
    const weak = await json(await change(t.admin.cookie, { currentPassword: t.admin.password, newPassword: "password123" }));
    expect(weak.status).toBe(422);
    expect(weak.body.error.field).toBe("newPassword");
    expect(await meStatus(t.admin.cookie)).toBe(200);
  });

  it("changes it, ends the other sessions and keeps this browser signed in with a fresh cookie", async () => {
    const phone = (await signInCookie(getDb(), t.admin.id, t.tenant.id)).cookie;
    const res = await change(t.admin.cookie, { currentPassword: t.admin.password, newPassword: "violet kettle drums 1987 upstairs" });
    expect(res.status).toBe(200);
    const fresh = newCookie(res);
    expect(await meStatus(fresh)).toBe(200);
    expect(await meStatus(phone)).toBe(401);
    expect(await meStatus(t.admin.cookie)).toBe(401); // the old cookie of this browser carries the old version
    const { authenticate } = await import("@/lib/auth/authenticate");
    expect(await authenticate(getDb(), { email: t.admin.email, password: "violet kettle drums 1987 upstairs" }, "198.51.100.7")).not.toBeNull();
  });
});
