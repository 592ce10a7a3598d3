// Messages the agents took, for one tenant, read and written through scopedDb(scope): another tenant's
// message id is "not found", exactly like an id that never existed. Any member may work the inbox (the
// front-desk staff are the ones who call back), so no role check here.
import type { Prisma } from "../db/generated/client";
import type { MessageStatus } from "../db/generated/enums";
import { notFound } from "../errors";
import { recordAudit } from "../audit/record";
import type { TenantScope } from "../tenant/scope";
import { scopedDb } from "../tenant/scoped-db";
import { decodeMessageCursor, encodeMessageCursor } from "./cursor";
import type { MessageListQuery, MessageUpdateInput } from "./schemas";
import type { MessageWithLinks } from "./serialize";

const links = {
  agent: { select: { id: true, name: true } },
  call: { select: { id: true, fromNumber: true, startedAt: true } },
  handledBy: { select: { id: true, name: true } },
} as const;

export const UNHANDLED: MessageStatus[] = ["NEW", "READ"];

export type MessagePage = { messages: MessageWithLinks[]; nextCursor: string | null };

function filtersOf(q: MessageListQuery): Prisma.MessageWhereInput[] {
  const where: Prisma.MessageWhereInput[] = [];
  if (q.status === "unhandled") where.push({ status: { in: UNHANDLED } });
  else if (q.status) where.push({ status: q.status });
  if (q.agentId) where.push({ agentId: q.agentId });
  if (q.urgency) where.push({ urgency: q.urgency });
  if (q.cursor) {
    const c = decodeMessageCursor(q.cursor);
    where.push({ OR: [{ createdAt: { lt: c.createdAt } }, { createdAt: c.createdAt, id: { lt: c.id } }] });
  }
  return where;
}

/** Newest first; `nextCursor` is null on the last page. */
export async function listMessages(scope: TenantScope, q: MessageListQuery): Promise<MessagePage> {
  const rows = await scopedDb(scope).message.findMany({
    where: { AND: filtersOf(q) },
    include: links,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: q.limit + 1,
  });
  const messages = rows.slice(0, q.limit);
  const last = messages.at(-1);
  return { messages, nextCursor: rows.length > q.limit && last ? encodeMessageCursor(last) : null };
}

/** The unhandled count behind the navigation badge. */
export async function countUnhandledMessages(scope: TenantScope): Promise<number> {
  return scopedDb(scope).message.count({ where: { status: { in: UNHANDLED } } });
}

export async function getMessageOrThrow(scope: TenantScope, id: string): Promise<MessageWithLinks> {
  const message = await scopedDb(scope).message.findUnique({ where: { id }, include: links });
  if (!message) throw notFound("Message");
  return message;
}

/** One message; opening a NEW one marks it READ, as an inbox does. */
export async function openMessageOrThrow(scope: TenantScope, id: string): Promise<MessageWithLinks> {
  const db = scopedDb(scope);
  const message = await getMessageOrThrow(scope, id);
  if (message.status !== "NEW") return message;
  // Only if still NEW: a concurrent "handled" must not be turned back into READ.
  await db.message.updateMany({ where: { id, status: "NEW" }, data: { status: "READ", readAt: new Date() } });
  const read = await db.message.findUnique({ where: { id }, include: links });
  if (!read) throw notFound("Message");
  return read;
}

/** The fields a status change sets: HANDLED stamps who and when; leaving HANDLED clears them. */
function changesFor(scope: TenantScope, before: { readAt: Date | null }, status: MessageStatus, now: Date): Prisma.MessageUncheckedUpdateInput {
  switch (status) {
    case "HANDLED":
      return { status, handledAt: now, handledById: scope.actor.userId ?? null, readAt: before.readAt ?? now };
    case "READ":
      return { status, handledAt: null, handledById: null, readAt: before.readAt ?? now };
    case "NEW":
      return { status, handledAt: null, handledById: null, readAt: null };
    case "ARCHIVED":
      return { status };
  }
}

export async function updateMessageStatus(scope: TenantScope, id: string, input: MessageUpdateInput): Promise<MessageWithLinks> {
  return scopedDb(scope).$transaction(async (tx) => {
    const before = await tx.message.findUnique({ where: { id }, select: { status: true, readAt: true } });
    if (!before) throw notFound("Message");
    // The same status again changes nothing (a double click must not move handledAt).
    const data = before.status === input.status ? {} : changesFor(scope, before, input.status, new Date());
    const message = await tx.message.update({ where: { id }, data, include: links });
    if (before.status !== input.status) {
      await recordAudit(tx, scope, "message.status", { type: "message", id }, { from: before.status, to: input.status });
    }
    return message;
  });
}
