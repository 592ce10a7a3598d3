// Turns session claims into who is calling, asking the database on every request, in one query:
// does the session row still stand (not revoked, not expired, same sessionVersion), is the user still
// enabled, do they still belong to the tenant (with which role) and is that tenant active.
// The tenant is the session row's activeTenantId (set by switching workspace, lib/tenant/workspaces.ts,
// only to a workspace the user belongs to), else the one the cookie was issued for; either way the
// membership join below decides: a removed member's session loses that workspace on the next request.
// Three views of the answer: resolveSession (a tenant member: the dashboard and /api/v1),
// resolveUserSession (any signed-in person: their own account), resolvePlatformSession (a super
// admin, with or without a membership anywhere).
import type { Db } from "../db/client";
import { AppError } from "../errors";
import type { SessionClaims } from "../auth/session-token";
import { needsTouch, touchSession } from "../auth/sessions";
import type { Plan, Role } from "../db/generated/enums";
import type { TenantScope } from "./scope";

export type SessionUser = { id: string; name: string; email: string; isSuperAdmin: boolean };
/**
 * The session's workspace as the dashboard and /api/v1/me show it: `country` (ISO 3166-1 alpha-2) is
 * where national phone numbers are read; the limits are the row's (super admins can override the plan's).
 */
export type SessionTenant = { id: string; name: string; plan: Plan; status: string; country: string; maxAgents: number; maxPhoneNumbers: number };

/** Any signed-in person, with their membership in the session's tenant when there is one. */
export type UserSessionContext = {
  sessionId: string;
  user: SessionUser;
  membership: { role: Role; tenant: SessionTenant } | null;
};

export type SessionContext = TenantScope & { sessionId: string; user: SessionUser; tenant: SessionTenant };

type Row = {
  revokedAt: Date | null;
  expiresAt: Date;
  lastSeenAt: Date;
  userId: string;
  name: string;
  email: string;
  isSuperAdmin: boolean;
  disabledAt: Date | null;
  sessionVersion: number;
  role: Role | null;
  tenantId: string | null;
  tenantName: string | null;
  tenantPlan: Plan | null;
  tenantStatus: string | null;
  tenantCountry: string | null;
  tenantMaxAgents: number | null;
  tenantMaxPhoneNumbers: number | null;
};

const signIn = () => new AppError("UNAUTHENTICATED", "Sign in to continue");

/** One round trip: session row, user, and the membership + tenant the session names (none: tenantFree). */
async function loadSession(db: Db, claims: SessionClaims, tenantFree: boolean): Promise<Row | null> {
  const cookieTenant = claims.tenantId ?? "";
  const rows = await db.$queryRaw<Row[]>`
    SELECT s."revokedAt", s."expiresAt", s."lastSeenAt",
           u."id" AS "userId", u."name", u."email", u."isSuperAdmin", u."disabledAt", u."sessionVersion",
           m."role"::text AS "role", t."id" AS "tenantId", t."name" AS "tenantName",
           t."plan"::text AS "tenantPlan", t."status"::text AS "tenantStatus", t."country" AS "tenantCountry",
           t."maxAgents" AS "tenantMaxAgents", t."maxPhoneNumbers" AS "tenantMaxPhoneNumbers"
      FROM "UserSession" s
      JOIN "User" u ON u."id" = s."userId"
      LEFT JOIN "Membership" m ON m."userId" = u."id" AND NOT ${tenantFree}
                              AND m."tenantId" = COALESCE(s."activeTenantId", ${cookieTenant})
      LEFT JOIN "Tenant" t ON t."id" = m."tenantId"
     WHERE s."id" = ${claims.sessionId} AND s."userId" = ${claims.userId}`;
  return rows[0] ?? null;
}

export async function resolveUserSession(db: Db, claims: SessionClaims | null, now = new Date()): Promise<UserSessionContext> {
  return resolve(db, claims, now, false);
}

async function resolve(db: Db, claims: SessionClaims | null, now: Date, tenantFree: boolean): Promise<UserSessionContext> {
  if (!claims) throw signIn();
  const row = await loadSession(db, claims, tenantFree);
  if (!row || row.disabledAt) throw signIn();
  // Said before the session checks: suspending a workspace also ends its sessions, and its people
  // should read why, not just "sign in".
  if (row.tenantStatus && row.tenantStatus !== "ACTIVE") throw new AppError("TENANT_SUSPENDED", "This workspace is suspended");
  const ended = row.revokedAt !== null || new Date(row.expiresAt).getTime() <= now.getTime();
  if (ended || row.sessionVersion !== claims.sessionVersion) throw signIn();
  if (needsTouch(new Date(row.lastSeenAt), now)) await touchSession(db, claims.sessionId, now);
  return {
    sessionId: claims.sessionId,
    user: { id: row.userId, name: row.name, email: row.email, isSuperAdmin: row.isSuperAdmin },
    membership:
      row.role && row.tenantId
        ? {
            role: row.role,
            tenant: {
              id: row.tenantId,
              name: row.tenantName!,
              plan: row.tenantPlan!,
              status: row.tenantStatus!,
              country: row.tenantCountry!,
              maxAgents: Number(row.tenantMaxAgents),
              maxPhoneNumbers: Number(row.tenantMaxPhoneNumbers),
            },
          }
        : null,
  };
}

/** A member of the session's tenant; UNAUTHENTICATED without one, TENANT_SUSPENDED if it is not active. */
export async function resolveSession(db: Db, claims: SessionClaims | null, now = new Date()): Promise<SessionContext> {
  const s = await resolveUserSession(db, claims, now);
  if (!s.membership) throw signIn();
  return {
    tenantId: s.membership.tenant.id,
    role: s.membership.role,
    actor: { userId: s.user.id },
    sessionId: s.sessionId,
    user: s.user,
    tenant: s.membership.tenant,
  };
}

/**
 * A super admin, whatever their memberships: platform access never depends on a tenant. Others get
 * NOT_FOUND (the admin section does not exist for them). A suspended tenant named by the session
 * does not lock a super admin out of the platform.
 */
export async function resolvePlatformSession(db: Db, claims: SessionClaims | null, now = new Date()): Promise<UserSessionContext> {
  const s = await resolve(db, claims, now, true);
  if (!s.user.isSuperAdmin) throw new AppError("NOT_FOUND", "Not found");
  return s;
}
