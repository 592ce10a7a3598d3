// A message as the REST API returns it (GET /api/v1/messages[/:id]).
import type { MessageJson } from "@/lib/messages/serialize";

export type Message = MessageJson;
export type MessageStatus = Message["status"];
export type MessageFilter = "unhandled" | "all";
