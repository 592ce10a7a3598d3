// Input schemas of the messages API. Strict, so a misspelt filter or body key is a 422 naming it.
import { z } from "zod";
import { MessageStatus, MessageUrgency } from "../db/generated/enums";
import { resourceId } from "../http/params";

export const MESSAGES_PAGE_DEFAULT = 25;
export const MESSAGES_PAGE_MAX = 100;

/** `unhandled` is what the inbox and the badge mean by "still to do": NEW and READ. */
export const messageStatusFilter = z.union([z.enum(MessageStatus), z.literal("unhandled")], {
  error: `must be one of ${[...Object.values(MessageStatus), "unhandled"].join(", ")}`,
});

export const messageListQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(MESSAGES_PAGE_MAX).default(MESSAGES_PAGE_DEFAULT),
  cursor: z.string().min(1).max(200).optional(),
  status: messageStatusFilter.optional(),
  agentId: resourceId.optional(),
  urgency: z.enum(MessageUrgency).optional(),
});
export type MessageListQuery = z.infer<typeof messageListQuerySchema>;

export const messageUpdateSchema = z.strictObject({ status: z.enum(MessageStatus) });
export type MessageUpdateInput = z.infer<typeof messageUpdateSchema>;
