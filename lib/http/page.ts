// One page of a list ordered by createdAt desc, then id desc (agents, phone numbers, API keys):
// `?limit=&cursor=` in, `{ data, next_cursor }` out. The cursor codec is lib/http/cursor.ts.
import { z } from "zod";
import { keysetCursor } from "./cursor";

export const PAGE_DEFAULT = 50;
export const PAGE_MAX = 100;

export const pageQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(PAGE_MAX).default(PAGE_DEFAULT),
  cursor: z.string().min(1).max(200).optional(),
});
export type PageQuery = z.infer<typeof pageQuerySchema>;

export type Page<T> = { rows: T[]; nextCursor: string | null };

const codec = keysetCursor("createdAt");

/** The findMany arguments of one page (fetches one row more to know whether another page follows). */
export function pageArgs(q: PageQuery) {
  const c = q.cursor ? codec.decode(q.cursor) : null;
  return {
    where: c ? { OR: [{ createdAt: { lt: c.createdAt } }, { createdAt: c.createdAt, id: { lt: c.id } }] } : {},
    orderBy: [{ createdAt: "desc" as const }, { id: "desc" as const }],
    take: q.limit + 1,
  };
}

export function toPage<T extends { createdAt: Date; id: string }>(rows: T[], q: PageQuery): Page<T> {
  const page = rows.slice(0, q.limit);
  const last = page.at(-1);
  return { rows: page, nextCursor: rows.length > q.limit && last ? codec.encode(last) : null };
}
