// The query string of the audit log lists (a workspace's GET /api/v1/audit, the platform's
// GET /api/v1/admin/audit) and the filter it becomes. Newest first, paged by (createdAt, id).
import { z } from "zod";
import type { Prisma } from "../db/generated/client";
import { keysetCursor } from "../http/cursor";
import { resourceId } from "../http/params";

export const AUDIT_PAGE_DEFAULT = 50;
export const AUDIT_PAGE_MAX = 200;
export const auditCursor = keysetCursor("createdAt");

const instant = z.union([z.iso.date(), z.iso.datetime({ offset: true })], { error: "must be an ISO date or date-time" }).transform((s) => new Date(s));

const common = {
  /** The acting person: their user id or email. */
  actor: z.string().trim().min(1).max(320).optional(),
  /** An action or its prefix: "tenant.suspend", or "tenant." for every tenant action. */
  action: z.string().trim().min(1).max(100).regex(/^[a-z0-9_.]+$/, "letters, digits, _ and . only").optional(),
  from: instant.optional(),
  /** Exclusive, so consecutive ranges do not overlap. */
  to: instant.optional(),
  limit: z.coerce.number().int().min(1).max(AUDIT_PAGE_MAX).default(AUDIT_PAGE_DEFAULT),
  cursor: z.string().min(1).max(200).optional(),
};

const fromBeforeTo = (q: { from?: Date; to?: Date }) => !q.from || !q.to || q.from < q.to;
const toAfterFrom = { message: "must be after from", path: ["to"] };

export const auditListQuerySchema = z.strictObject(common).refine(fromBeforeTo, toAfterFrom);
/** The platform's list can also be narrowed to one workspace. */
export const platformAuditListQuerySchema = z.strictObject({ ...common, tenant: resourceId.optional() }).refine(fromBeforeTo, toAfterFrom);

export type AuditListQuery = z.infer<typeof auditListQuerySchema>;

/** The filters as a where clause (without the tenant: the caller's scope or the platform query adds it). */
export function auditWhere(q: AuditListQuery): Prisma.AuditLogWhereInput {
  const and: Prisma.AuditLogWhereInput[] = [];
  if (q.actor) and.push(q.actor.includes("@") ? { actor: { email: q.actor.toLowerCase() } } : { actorUserId: q.actor });
  if (q.action) and.push({ action: { startsWith: q.action } });
  if (q.from) and.push({ createdAt: { gte: q.from } });
  if (q.to) and.push({ createdAt: { lt: q.to } });
  if (q.cursor) {
    const c = auditCursor.decode(q.cursor);
    and.push({ OR: [{ createdAt: { lt: c.createdAt } }, { createdAt: c.createdAt, id: { lt: c.id } }] });
  }
  return { AND: and };
}

export const AUDIT_ORDER = [{ createdAt: "desc" as const }, { id: "desc" as const }];

/** Splits the one-extra row read off a page into the page and its next cursor. */
export function auditPage<R extends { id: string; createdAt: Date }>(rows: R[], limit: number): { entries: R[]; nextCursor: string | null } {
  const entries = rows.slice(0, limit);
  const last = entries.at(-1);
  return { entries, nextCursor: rows.length > limit && last ? auditCursor.encode(last) : null };
}
