// The query string of GET /api/v1/calls and its CSV export: filters, sort, and (list only) page size and
// cursor. Strict, so a misspelt filter is a 422 naming it instead of an unfiltered list.
import { z } from "zod";
import { CallDirection, CallOutcome, CallStatus } from "../db/generated/enums";
import { resourceId } from "../http/params";

export const CALLS_PAGE_DEFAULT = 25;
export const CALLS_PAGE_MAX = 100;

export const CALL_SORTS = ["started_at", "duration", "cost"] as const;
export type CallSort = (typeof CALL_SORTS)[number];
export type SortOrder = "asc" | "desc";

// A date ("2026-11-30", midnight UTC) or a date-time with an offset ("2026-11-30T08:00:00+01:00").
const instant = z.union([z.iso.date(), z.iso.datetime({ offset: true })], { error: "must be an ISO date or date-time" }).transform((s) => new Date(s));

const filters = {
  agentId: resourceId.optional(),
  status: z.enum(CallStatus).optional(),
  direction: z.enum(CallDirection).optional(),
  outcome: z.enum(CallOutcome).optional(),
  /** Calls that started at or after this instant. */
  from: instant.optional(),
  /** Calls that started before this instant (exclusive, so consecutive ranges do not overlap). */
  to: instant.optional(),
  /** Words said in the transcript (either side), web-search syntax: "quoted phrase", -excluded, or. */
  q: z.string().trim().min(1).max(200).optional(),
  /** Calls that lasted at least this many seconds (live calls, without a duration yet, never match). */
  minDuration: z.coerce.number().int().min(0).max(86_400).optional(),
  sort: z.enum(CALL_SORTS).default("started_at"),
  order: z.enum(["asc", "desc"]).default("desc"),
};

const fromBeforeTo = (q: { from?: Date; to?: Date }) => !q.from || !q.to || q.from < q.to;
const toAfterFrom = { message: "must be after from", path: ["to"] };

export const callListQuerySchema = z
  .strictObject({
    ...filters,
    limit: z.coerce.number().int().min(1).max(CALLS_PAGE_MAX).default(CALLS_PAGE_DEFAULT),
    cursor: z.string().min(1).max(300).optional(),
  })
  .refine(fromBeforeTo, toAfterFrom);

/** The export takes the list's filters and sort; it walks every page itself. */
export const callExportQuerySchema = z.strictObject(filters).refine(fromBeforeTo, toAfterFrom);

export type CallListQuery = z.infer<typeof callListQuerySchema>;
export type CallFilters = z.infer<typeof callExportQuerySchema>;
