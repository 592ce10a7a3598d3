// The query string of GET /api/v1/calls: page size, cursor and the filters the calls dashboard needs.
// Strict, so a misspelt filter is a 422 naming it instead of an unfiltered list.
import { z } from "zod";
import { CallDirection, CallStatus } from "../db/generated/enums";
import { resourceId } from "../http/params";

export const CALLS_PAGE_DEFAULT = 25;
export const CALLS_PAGE_MAX = 100;

// A date ("2026-11-30", midnight UTC) or a date-time with an offset ("2026-11-30T08:00:00+01:00").
const instant = z.union([z.iso.date(), z.iso.datetime({ offset: true })], { error: "must be an ISO date or date-time" }).transform((s) => new Date(s));

export const callListQuerySchema = z
  .strictObject({
    limit: z.coerce.number().int().min(1).max(CALLS_PAGE_MAX).default(CALLS_PAGE_DEFAULT),
    cursor: z.string().min(1).max(200).optional(),
    agentId: resourceId.optional(),
    status: z.enum(CallStatus).optional(),
    direction: z.enum(CallDirection).optional(),
    /** Calls that started at or after this instant. */
    from: instant.optional(),
    /** Calls that started before this instant (exclusive, so consecutive ranges do not overlap). */
    to: instant.optional(),
  })
  .refine((q) => !q.from || !q.to || q.from < q.to, { message: "must be after from", path: ["to"] });

export type CallListQuery = z.infer<typeof callListQuerySchema>;
