// Which call statuses mean "still on the line". One list for everything that asks: the plan's line
// count at the webhook, the voice server opening a stream, the end write, the lost-call reaper.
import type { CallStatus } from "../db/generated/enums";

export const LIVE_CALL_STATUSES = ["QUEUED", "RINGING", "IN_PROGRESS"] as const satisfies readonly CallStatus[];

export const isLiveCallStatus = (status: CallStatus): boolean => (LIVE_CALL_STATUSES as readonly CallStatus[]).includes(status);
