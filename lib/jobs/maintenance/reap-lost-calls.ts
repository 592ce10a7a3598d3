// The worker's half of the lost-call reaper (lib/calls/live/reaper.ts): a voice server that never
// comes back cannot close its own calls at start-up, so the worker closes any call whose heartbeat
// has been silent longer than the stale limit.
import { z } from "zod";
import { STALE_AFTER_MS } from "../../calls/live/reaper";
import { defineJob } from "../../providers/queue/define-job";

export const REAP_LOST_CALLS_EVERY_MS = 30_000;

export const reapLostCallsJob = defineJob({
  name: "calls.reap-lost",
  schema: z.object({ staleAfterMs: z.number().int().min(5_000).max(3_600_000).default(STALE_AFTER_MS) }),
});
