// The voice server's side of "an admin ends this call": each live call it holds is watched on its
// bus channel (the fast path) and, on every heartbeat, checked for the request recorded in the
// database (the durable path, for a bus message that was lost). Whichever comes first ends the call;
// the other finds nothing left to do.
import type { Logger } from "pino";
import { callChannel, type EventBus } from "../../providers/events/types";
import { END_REQUEST_EVENT } from "./end-request";

export interface EndControlDeps {
  bus?: Pick<EventBus, "subscribe">;
  /** Which of these calls have a recorded end request (callsWithEndRequest on the database). */
  requested(callIds: readonly string[]): Promise<string[]>;
  logger: Logger;
}

export function createEndControl(deps: EndControlDeps) {
  const enders = new Map<string, () => void>();

  const endOnce = (callId: string) => {
    const end = enders.get(callId);
    if (!end) return;
    enders.delete(callId);
    end();
  };

  return {
    /** Watches one call until the returned function is called (the call ended). */
    watch(callId: string, tenantId: string, end: () => void): () => void {
      enders.set(callId, end);
      const off = deps.bus?.subscribe(callChannel(callId), (e) => {
        // Only the call's own tenant may end it: a misrouted or forged event is ignored.
        if (e.type === END_REQUEST_EVENT && e.callId === callId && e.tenantId === tenantId) endOnce(callId);
      });
      return () => {
        enders.delete(callId);
        off?.();
      };
    },
    /** The heartbeat's check: one query for every watched call. */
    async check(): Promise<void> {
      if (enders.size === 0) return;
      try {
        for (const id of await deps.requested([...enders.keys()])) endOnce(id);
      } catch (err) {
        deps.logger.warn({ err }, "end request check failed");
      }
    },
  };
}

export type EndControl = ReturnType<typeof createEndControl>;
