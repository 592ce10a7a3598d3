// Calls as the REST API returns them (GET /api/v1/calls and /api/v1/calls/:id).
import type { toCallDetailJson, toCallJson } from "@/lib/calls/serialize";

export type Call = ReturnType<typeof toCallJson>;
export type CallDetail = ReturnType<typeof toCallDetailJson>;
export type CallTurn = CallDetail["turns"][number];
export type CallEvent = CallDetail["events"][number];
