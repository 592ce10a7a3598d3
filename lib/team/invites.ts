// A workspace's invites: create, list the pending ones, revoke, resend. Only the token's hash is
// stored; the link exists in the email (or the admin's screen) and nowhere else. A resend replaces the
// hash, so the old link stops working. Every change is audited.
import "server-only";
import { pageArgs, toPage, type Page, type PageQuery } from "../http/page";
import { recordAudit } from "../audit/record";
import { AppError, notFound } from "../errors";
import type { TenantScope } from "../tenant/scope";
import { scopedDb, type ScopedDb, type ScopedTx } from "../tenant/scoped-db";
import { deliverInvite, type Delivery } from "./invite-mail";
import { inviteLink, newInviteToken } from "./invite-token";
import type { InviteCreateInput } from "./schemas";

const inviteSelect = {
  id: true,
  email: true,
  role: true,
  expiresAt: true,
  createdAt: true,
  invitedBy: { select: { name: true, email: true } },
} as const;

export type InviteView = {
  id: string;
  email: string;
  role: "ADMIN" | "USER";
  expiresAt: Date;
  createdAt: Date;
  invitedBy: { name: string; email: string } | null;
};

export function toInviteJson(i: InviteView, now = new Date()) {
  return { ...i, expiresAt: i.expiresAt.toISOString(), createdAt: i.createdAt.toISOString(), expired: i.expiresAt <= now };
}

/** Sends the link (mail or shown to the admin); the workspace and inviter name the email. */
async function send(db: ScopedDb, invite: InviteView, token: string): Promise<Delivery> {
  const tenant = await db.tenant.findFirstOrThrow({ select: { name: true } });
  return deliverInvite({ to: invite.email, link: inviteLink(token), workspace: tenant.name, inviter: invite.invitedBy?.name ?? null, role: invite.role });
}

export async function createInvite(scope: TenantScope, input: InviteCreateInput): Promise<{ invite: InviteView; delivery: Delivery }> {
  const db = scopedDb(scope);
  const { token, tokenHash, expiresAt } = newInviteToken();
  const invite = await db.$transaction(async (tx) => {
    if (await tx.membership.findFirst({ where: { user: { email: input.email } }, select: { id: true } })) {
      throw new AppError("ALREADY_MEMBER", `${input.email} is already a member of this workspace`, { field: "email" });
    }
    // One live invite per address: inviting again replaces the earlier link.
    await tx.invite.updateMany({ where: { email: input.email, acceptedAt: null, revokedAt: null }, data: { revokedAt: new Date() } });
    const created = await tx.invite.create({
      data: { email: input.email, role: input.role, tokenHash, expiresAt, invitedById: scope.actor.userId ?? null },
      select: inviteSelect,
    });
    await recordAudit(tx, scope, "member.invite", { type: "invite", id: created.id }, { email: input.email, role: input.role });
    return created;
  });
  return { invite, delivery: await send(db, invite, token) };
}

/** Invites not yet accepted or revoked, newest first, a page at a time; expired ones stay listed so they can be resent. */
export async function listPendingInvites(scope: TenantScope, q: PageQuery): Promise<Page<InviteView>> {
  const { where, ...rest } = pageArgs(q);
  return toPage(await scopedDb(scope).invite.findMany({ ...rest, where: { AND: [{ acceptedAt: null, revokedAt: null }, where] }, select: inviteSelect }), q);
}

async function pendingOrThrow(tx: ScopedTx, id: string): Promise<void> {
  const found = await tx.invite.findUnique({ where: { id }, select: { acceptedAt: true, revokedAt: true } });
  if (!found) throw notFound("Invite");
  if (found.acceptedAt) throw new AppError("CONFLICT", "This invite has already been accepted");
  if (found.revokedAt) throw new AppError("CONFLICT", "This invite was revoked; send a new one");
}

export async function revokeInvite(scope: TenantScope, id: string): Promise<void> {
  await scopedDb(scope).$transaction(async (tx) => {
    await pendingOrThrow(tx, id);
    await tx.invite.update({ where: { id }, data: { revokedAt: new Date() } });
    await recordAudit(tx, scope, "invite.revoke", { type: "invite", id });
  });
}

/** A new link with a new 7 days; the previous link stops working. */
export async function resendInvite(scope: TenantScope, id: string): Promise<{ invite: InviteView; delivery: Delivery }> {
  const db = scopedDb(scope);
  const { token, tokenHash, expiresAt } = newInviteToken();
  const invite = await db.$transaction(async (tx) => {
    await pendingOrThrow(tx, id);
    const updated = await tx.invite.update({ where: { id }, data: { tokenHash, expiresAt }, select: inviteSelect });
    await recordAudit(tx, scope, "invite.resend", { type: "invite", id });
    return updated;
  });
  return { invite, delivery: await send(db, invite, token) };
}
