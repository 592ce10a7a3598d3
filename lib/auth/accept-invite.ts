// Accepting a team invite. The token (hashed, lib/team/invite-token.ts) names the workspace, email and
// role. A new person names themselves and sets a password: one transaction creates the account and the
// membership and marks the invite used, and they are signed in. Someone who already has an account must
// be signed in as that account (its email is the invite's) and simply joins. Either way the session
// then works in the invited workspace. Lives in lib/auth: it creates accounts and sessions.
import "server-only";
import type { Db } from "../db/client";
import { isUniqueViolation } from "../db/unique-violation";
import { AppError } from "../errors";
import { requestOrigin } from "../http/request-origin";
import type { UserSessionContext } from "../tenant/resolve-session";
import type { Role } from "../db/generated/enums";
import { hashInviteToken, isInviteTokenShape } from "../team/invite-token";
import type { InviteAcceptInput } from "../team/schemas";
import { hashPassword } from "./password";
import { assertPasswordAcceptable } from "./password-strength";
import { startSession, type SessionOrigin } from "./sessions";

export type InviteState = "valid" | "expired" | "revoked" | "used" | "unknown";

export type InviteLookup = {
  state: InviteState;
  invite?: { id: string; email: string; role: Role; workspace: string; tenantId: string; inviter: string | null; expiresAt: Date; hasAccount: boolean };
};

export const INVITE_STATE_MESSAGES: Record<Exclude<InviteState, "valid">, string> = {
  expired: "This invite has expired. Ask the person who invited you to send a new one.",
  revoked: "This invite is no longer valid: it was withdrawn or replaced by a newer one. Check your email for the latest invite.",
  used: "This invite has already been used. Sign in to reach the workspace.",
  unknown: "This invite link is not valid. Check that you copied the whole link.",
};

/** What the invite page shows; never throws for a bad token. */
export async function findInvite(db: Db, token: string, now = new Date()): Promise<InviteLookup> {
  if (!isInviteTokenShape(token)) return { state: "unknown" };
  const row = await db.invite.findUnique({
    where: { tokenHash: hashInviteToken(token) },
    include: { tenant: { select: { name: true, status: true } }, invitedBy: { select: { name: true } } },
  });
  if (!row) return { state: "unknown" };
  const state: InviteState = row.acceptedAt ? "used" : row.revokedAt || row.tenant.status !== "ACTIVE" ? "revoked" : row.expiresAt <= now ? "expired" : "valid";
  const hasAccount = (await db.user.count({ where: { email: row.email } })) > 0;
  return {
    state,
    invite: { id: row.id, email: row.email, role: row.role, workspace: row.tenant.name, tenantId: row.tenantId, inviter: row.invitedBy?.name ?? null, expiresAt: row.expiresAt, hasAccount },
  };
}

export type AcceptResult = { userId: string; tenantId: string; /** set when a new session was started (new account) */ session?: { sessionId: string; sessionVersion: number } };

/**
 * `signedIn`: the caller's session, if any. Throws INVITE_INVALID (not usable), UNAUTHENTICATED (the
 * account exists: sign in as it first), FORBIDDEN (signed in as someone else), VALIDATION_FAILED.
 */
export async function acceptInvite(db: Db, input: InviteAcceptInput, signedIn: UserSessionContext | null, origin: SessionOrigin = {}): Promise<AcceptResult> {
  const { state, invite } = await findInvite(db, input.token);
  if (state !== "valid" || !invite) throw new AppError("INVITE_INVALID", INVITE_STATE_MESSAGES[state === "valid" ? "unknown" : state]);
  const existing = await db.user.findUnique({ where: { email: invite.email }, select: { id: true } });

  if (existing) {
    if (!signedIn) throw new AppError("UNAUTHENTICATED", `Sign in as ${invite.email} to accept this invite`);
    if (signedIn.user.id !== existing.id) {
      throw new AppError("FORBIDDEN", `This invite is for ${invite.email}; you are signed in as ${signedIn.user.email}. Sign out and sign in as ${invite.email}.`);
    }
    await join(db, invite, existing.id, signedIn.sessionId);
    return { userId: existing.id, tenantId: invite.tenantId };
  }

  if (!input.name) throw new AppError("VALIDATION_FAILED", "Your name is required", { field: "name" });
  if (!input.password) throw new AppError("VALIDATION_FAILED", "Choose a password", { field: "password" });
  await assertPasswordAcceptable(input.password, { email: invite.email, name: input.name, businessName: invite.workspace });
  const passwordHash = await hashPassword(input.password);
  let userId: string;
  try {
    userId = await db.$transaction(async (tx) => {
      const user = await tx.user.create({ data: { email: invite.email, name: input.name!, passwordHash, lastLoginAt: new Date() } });
      await join(tx, invite, user.id, null);
      return user.id;
    });
  } catch (err) {
    // Someone signed up with this email between the lookup and now: they must sign in to accept.
    if (isUniqueViolation(err, ["email"])) throw new AppError("UNAUTHENTICATED", `Sign in as ${invite.email} to accept this invite`);
    throw err;
  }
  const session = await startSession(db, userId, origin);
  await db.userSession.update({ where: { id: session.sessionId }, data: { activeTenantId: invite.tenantId } });
  return { userId, tenantId: invite.tenantId, session };
}

type Tx = Pick<Db, "invite" | "membership" | "user" | "userSession" | "auditLog">;

/** Uses the invite (once: a concurrent accept or revoke wins), adds the membership, moves the session there. */
async function join(db: Tx | Db, invite: NonNullable<InviteLookup["invite"]>, userId: string, sessionId: string | null): Promise<void> {
  const run = async (tx: Tx) => {
    const used = await tx.invite.updateMany({
      where: { id: invite.id, acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() } },
      data: { acceptedAt: new Date() },
    });
    if (used.count !== 1) throw new AppError("INVITE_INVALID", INVITE_STATE_MESSAGES.revoked);
    const tenantId = invite.tenantId;
    const already = await tx.membership.findUnique({ where: { tenantId_userId: { tenantId, userId } }, select: { id: true } });
    if (already) throw new AppError("ALREADY_MEMBER", `You are already a member of ${invite.workspace}`);
    const membership = await tx.membership.create({ data: { tenantId, userId, role: invite.role } });
    await tx.user.update({ where: { id: userId }, data: { lastTenantId: tenantId } });
    if (sessionId) await tx.userSession.updateMany({ where: { id: sessionId, userId }, data: { activeTenantId: tenantId } });
    await tx.auditLog.create({
      data: { tenantId, actorUserId: userId, action: "member.join", targetType: "membership", targetId: membership.id, metadata: { inviteId: invite.id, role: invite.role }, ...requestOrigin() },
    });
  };
  if ("$transaction" in db) await db.$transaction(run);
  else await run(db);
}
