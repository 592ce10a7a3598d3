// A workspace's members: list, change role, remove. A workspace always keeps an admin: the last one
// can be neither demoted nor removed (themselves included). Both changes lock the tenant row first,
// so two admins demoting each other at once cannot both succeed. Removing a membership is all it takes
// to cut the person off: every request re-reads the membership (lib/tenant/resolve-session.ts).
import "server-only";
import { recordAudit } from "../audit/record";
import { AppError, notFound } from "../errors";
import type { Role } from "../db/generated/enums";
import { pageArgs, toPage, type Page, type PageQuery } from "../http/page";
import { lockTenantQuotas } from "../tenant/quotas";
import type { TenantScope } from "../tenant/scope";
import { scopedDb, type ScopedTx } from "../tenant/scoped-db";

export type MemberView = { id: string; role: Role; createdAt: Date; user: { id: string; name: string; email: string } };

const memberSelect = { id: true, role: true, createdAt: true, user: { select: { id: true, name: true, email: true } } } as const;

export function toMemberJson(m: MemberView, currentUserId?: string) {
  return { id: m.id, userId: m.user.id, name: m.user.name, email: m.user.email, role: m.role, joinedAt: m.createdAt.toISOString(), you: m.user.id === currentUserId };
}

/** Newest members first, a page at a time. */
export async function listMembers(scope: TenantScope, q: PageQuery): Promise<Page<MemberView>> {
  return toPage(await scopedDb(scope).membership.findMany({ ...pageArgs(q), select: memberSelect }), q);
}

/** The member, with the tenant row locked; LAST_ADMIN if taking away their admin role leaves none. */
async function lockedMember(tx: ScopedTx, scope: TenantScope, id: string, losesAdmin: (m: MemberView) => boolean): Promise<MemberView> {
  await lockTenantQuotas(tx, scope);
  const member = await tx.membership.findUnique({ where: { id }, select: memberSelect });
  if (!member) throw notFound("Member");
  if (member.role === "ADMIN" && losesAdmin(member) && (await tx.membership.count({ where: { role: "ADMIN" } })) <= 1) {
    throw new AppError("LAST_ADMIN", "A workspace needs at least one admin: make someone else an admin first");
  }
  return member;
}

export async function changeMemberRole(scope: TenantScope, id: string, role: Role): Promise<MemberView> {
  return scopedDb(scope).$transaction(async (tx) => {
    const member = await lockedMember(tx, scope, id, () => role !== "ADMIN");
    if (member.role === role) return member;
    const updated = await tx.membership.update({ where: { id }, data: { role }, select: memberSelect });
    await recordAudit(tx, scope, "member.role_change", { type: "membership", id }, { userId: member.user.id, from: member.role, to: role });
    return updated;
  });
}

export async function removeMember(scope: TenantScope, id: string): Promise<void> {
  await scopedDb(scope).$transaction(async (tx) => {
    const member = await lockedMember(tx, scope, id, () => true);
    await tx.membership.delete({ where: { id } });
    await recordAudit(tx, scope, "member.remove", { type: "membership", id }, { userId: member.user.id, email: member.user.email });
  });
}
