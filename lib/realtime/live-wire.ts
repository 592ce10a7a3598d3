// The /live socket's messages (JSON text frames) between the dashboard's Live view and the voice
// server (server/voice/live-route.ts). Shared by both ends, so the browser parses what the server sends.
//   browser → server  { op: "subscribe", channel: "calls" }          every call of the token's tenant
//                     { op: "subscribe" | "unsubscribe", callId }    one call (checked against the tenant)
//   server → browser  { type: "event", event }   { type: "subscribed", channel | callId }
//                     { type: "error", code, message, callId? }
import { z } from "zod";

const id = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);

export const LIVE_PATH = "/live";
/** A browser message is a few dozen bytes; anything past this closes the socket. */
export const MAX_LIVE_CLIENT_MESSAGE_BYTES = 1024;

export const liveClientMessageSchema = z.union([
  z.strictObject({ op: z.enum(["subscribe", "unsubscribe"]), channel: z.literal("calls") }),
  z.strictObject({ op: z.enum(["subscribe", "unsubscribe"]), callId: id }),
]);
export type LiveClientMessage = z.infer<typeof liveClientMessageSchema>;

export type LiveErrorCode = "CALL_NOT_FOUND" | "TOO_MANY_CHANNELS";

/** The event as the browser receives it (same shape as the bus's LiveEvent). */
export interface LiveBrowserEvent {
  type: string;
  callId: string;
  tenantId: string;
  at: string;
  payload?: Record<string, unknown>;
}

export type LiveServerMessage =
  | { type: "event"; event: LiveBrowserEvent }
  | { type: "subscribed"; channel?: "calls"; callId?: string }
  | { type: "error"; code: LiveErrorCode; message: string; callId?: string };
