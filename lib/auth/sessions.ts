// Server-side sessions. Each sign-in creates a UserSession row; the JWT cookie names it (sid) and the
// user's sessionVersion (sv). A session is valid while its row is neither revoked nor expired and the
// version still matches (checked in lib/tenant/resolve-session.ts), so signing out, "sign out
// everywhere", a password change, disabling the user or suspending their workspace end it at once.
import "server-only";
import type { Db } from "../db/client";
import { normalizeIp } from "../http/peer-address";
import { SESSION_MAX_AGE_SEC, issueSessionCookie, type SessionClaims } from "./session-token";

/** lastSeenAt is written at most this often per session: a read per request, not a write. */
export const SESSION_TOUCH_INTERVAL_MS = 5 * 60_000;

const MAX_USER_AGENT = 512;

export type SessionOrigin = { ip?: string | null; userAgent?: string | null };

export function sessionExpiry(now: Date): Date {
  return new Date(now.getTime() + SESSION_MAX_AGE_SEC * 1000);
}

/** A new session row for a user who just proved who they are; returns what goes into the JWT. */
export async function startSession(db: Db, userId: string, origin: SessionOrigin = {}, now = new Date()) {
  const row = await db.userSession.create({
    data: {
      userId,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: sessionExpiry(now),
      // UNKNOWN_CLIENT_IP and anything else that is not an address is stored as null.
      ip: origin.ip ? normalizeIp(origin.ip) : null,
      userAgent: origin.userAgent ? origin.userAgent.slice(0, MAX_USER_AGENT) : null,
    },
    select: { id: true, user: { select: { sessionVersion: true } } },
  });
  return { sessionId: row.id, sessionVersion: row.user.sessionVersion };
}

/** Starts a session and returns its cookie (Cookie header form): tests and tooling. */
export async function signInCookie(db: Db, userId: string, tenantId: string | null, origin: SessionOrigin = {}) {
  const s = await startSession(db, userId, origin);
  const claims: SessionClaims = { userId, tenantId, ...s };
  return { claims, cookie: await issueSessionCookie(claims) };
}

/** Ends one session of this user (a no-op for someone else's or an already revoked one). */
export async function revokeSession(db: Db, userId: string, sessionId: string, now = new Date()): Promise<boolean> {
  const { count } = await db.userSession.updateMany({ where: { id: sessionId, userId, revokedAt: null }, data: { revokedAt: now } });
  return count > 0;
}

/**
 * Ends every session of these users: bumps sessionVersion (so even a cookie whose row was missed
 * stops working) and marks the rows revoked (so the session list is truthful). Pass a transaction
 * client to make it part of a larger change; `keepSessionId` survives (a password change keeps the
 * browser that made it). Returns nothing: callers that re-issue a cookie read the new version.
 */
export async function endAllSessions(
  db: Pick<Db, "user" | "userSession">,
  userIds: string[],
  opts: { keepSessionId?: string; now?: Date } = {},
): Promise<void> {
  if (userIds.length === 0) return;
  const now = opts.now ?? new Date();
  await db.user.updateMany({ where: { id: { in: userIds } }, data: { sessionVersion: { increment: 1 } } });
  await db.userSession.updateMany({
    where: { userId: { in: userIds }, revokedAt: null, ...(opts.keepSessionId ? { id: { not: opts.keepSessionId } } : {}) },
    data: { revokedAt: now },
  });
}

/** "Sign out everywhere": ends every session of the user, this one included, and audits it. */
export async function signOutEverywhere(db: Db, userId: string): Promise<void> {
  await db.$transaction(async (tx) => {
    await endAllSessions(tx, [userId]);
    await tx.auditLog.create({
      data: { tenantId: null, actorUserId: userId, action: "user.sessions_revoke_all", targetType: "user", targetId: userId },
    });
  });
}

/** Records activity on a session, at most once per SESSION_TOUCH_INTERVAL_MS; also slides its expiry. */
export async function touchSession(db: Db, sessionId: string, now = new Date()): Promise<void> {
  await db.userSession.updateMany({
    where: { id: sessionId, revokedAt: null, lastSeenAt: { lt: new Date(now.getTime() - SESSION_TOUCH_INTERVAL_MS) } },
    data: { lastSeenAt: now, expiresAt: sessionExpiry(now) },
  });
}

export function needsTouch(lastSeenAt: Date, now = new Date()): boolean {
  return now.getTime() - lastSeenAt.getTime() >= SESSION_TOUCH_INTERVAL_MS;
}

export type ActiveSession = { id: string; createdAt: Date; lastSeenAt: Date; ip: string | null; userAgent: string | null; current: boolean };

/** The user's sessions that still work, newest first. */
export async function listActiveSessions(db: Db, userId: string, currentSessionId: string, now = new Date()): Promise<ActiveSession[]> {
  const rows = await db.userSession.findMany({
    where: { userId, revokedAt: null, expiresAt: { gt: now } },
    orderBy: { createdAt: "desc" },
    take: 100,
    select: { id: true, createdAt: true, lastSeenAt: true, ip: true, userAgent: true },
  });
  return rows.map((r) => ({ ...r, current: r.id === currentSessionId }));
}

