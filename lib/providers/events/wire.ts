// The /internal/events socket's messages (JSON text frames), shared by the voice server's route and
// the remote bus that connects to it.
//   client → server  { op: "subscribe" | "unsubscribe", channel }   { op: "publish", channel, event }
//   server → client  { channel, event }
import { z } from "zod";
import { isChannel, liveEventSchema, type LiveEvent } from "./types";

export const INTERNAL_EVENTS_PATH = "/internal/events";

const channel = z.string().refine(isChannel, "not an event channel");

export const clientMessageSchema = z.discriminatedUnion("op", [
  z.object({ op: z.literal("subscribe"), channel }),
  z.object({ op: z.literal("unsubscribe"), channel }),
  z.object({ op: z.literal("publish"), channel, event: liveEventSchema }),
]);
export type ClientMessage = z.infer<typeof clientMessageSchema>;

export const serverMessageSchema = z.object({ channel, event: liveEventSchema });
export type ServerMessage = { channel: string; event: LiveEvent };
