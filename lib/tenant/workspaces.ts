// The workspaces one person belongs to, and switching between them. The switch writes the session row's
// activeTenantId (resolve-session.ts reads it on every request, so pages, /api/v1 and the live-view
// tokens minted from the session follow at once) and User.lastTenantId (the next sign-in lands there).
// Only a workspace the user is a member of can be chosen; any other id is a 404, like one that never existed.
import "server-only";
import type { Db } from "../db/client";
import { notFound } from "../errors";
import type { Role } from "../db/generated/enums";

export type Workspace = { id: string; name: string; role: Role; status: string; current: boolean };

/** Every workspace of this user, by name; `current` marks the session's. */
export async function listWorkspaces(db: Db, userId: string, currentTenantId: string | null): Promise<Workspace[]> {
  const rows = await db.membership.findMany({
    where: { userId },
    select: { role: true, tenant: { select: { id: true, name: true, status: true } } },
    orderBy: { tenant: { name: "asc" } },
    take: 200,
  });
  return rows.map((m) => ({ ...m.tenant, role: m.role, current: m.tenant.id === currentTenantId }));
}

/** Makes `targetTenantId` this session's workspace, and remembers it for the next sign-in. */
export async function switchWorkspace(db: Db, who: { userId: string; sessionId: string }, targetTenantId: string): Promise<Workspace> {
  const membership = await db.membership.findFirst({
    where: { userId: who.userId, tenant: { id: targetTenantId, status: "ACTIVE" } },
    select: { role: true, tenant: { select: { id: true, name: true, status: true } } },
  });
  if (!membership) throw notFound("Workspace");
  await db.$transaction([
    db.userSession.updateMany({ where: { id: who.sessionId, userId: who.userId }, data: { activeTenantId: targetTenantId } }),
    db.user.update({ where: { id: who.userId }, data: { lastTenantId: targetTenantId } }),
  ]);
  return { ...membership.tenant, role: membership.role, current: true };
}
