// Keeps a live call's record as it happens: every finished turn, the events worth keeping, usage, and
// the end. The engine reports through CallObserver methods that must return at once (they run on the
// call's hot path): rows go to a CallRecordWriter, which the voice server shares between its calls and
// writes in batches within ~100 ms, so the turn spoken at 00:42 is in the database at 00:42, not when
// the call ends, and a voice server that dies mid-call loses only what was still in flight.
//
// Everything is also published as a live event (the dashboard follows calls through it). Chatty
// events (state changes, speech start/end) are live only; the rest are stored as CallEvent rows too.
import type { Logger } from "pino";
import type { CallEndedReason, UsageKind } from "../../db/generated/enums";
import type { CallEventType, CallObserver, EndReason, TurnRecord } from "../../conversation/types";
import type { ScopedDb } from "../../tenant/scoped-db";
import { monthStart } from "../../billing/plans";
import { recordMicros, type UsageSources } from "../../billing/call-cost";
import { priceCall } from "../../billing/price-call";
import { LIVE_CALL_STATUSES } from "../status";
import type { UsageRow } from "./call-record-sql";
import { createCallRecordWriter, type CallRecordWriter } from "./call-record-writer";

export interface LiveCallEvent {
  type: CallEventType | "turn";
  callId: string;
  tenantId: string;
  at: string;
  payload?: Record<string, unknown>;
}

export type PublishLiveEvent = (event: LiveCallEvent) => void;

export interface CallPersistence extends CallObserver {
  /** Resolves once every write queued so far has been attempted. */
  flush(): Promise<void>;
  /** Writes dropped because the queue was full (a database far slower than the call). */
  readonly dropped: number;
}

// agent.segment too: the finished turn stores the same words.
const LIVE_ONLY = new Set<CallEventType>(["state.changed", "caller.speech_started", "caller.speech_ended", "agent.segment", "agent.paused"]);
/** Event rows of one call not yet written before more are dropped (turns, usage and the end are always kept). */
const MAX_PENDING = 500;

export function createCallPersistence(opts: {
  db: ScopedDb;
  tenantId: string;
  callId: string;
  /** Wall-clock time of the call's ms 0 (turn offsets are relative to it). */
  startedAt: Date;
  publish?: PublishLiveEvent;
  logger: Logger;
  /** Who produces this call's usage (Call.metadata.usageSources): each record is costed as it is written. */
  usageSources?: UsageSources;
  /** Shared by the calls of a voice server (one batch for all); default: one of this call's own. */
  writer?: CallRecordWriter;
}): CallPersistence {
  const { db, callId, logger } = opts;
  const tenant = opts.tenantId; // the live events' address; the rows are bound to the same tenant through `opts`
  const writer = opts.writer ?? createCallRecordWriter({ db, logger, windowMs: 0 });
  const address = { scope: opts, callId };
  // Summed per kind and model until the next write ("" = the capability's own source).
  const usage = new Map<string, { kind: UsageKind; model: string | null; quantity: number }>();
  let pendingEvents = 0;
  let dropped = 0;
  let ended: Promise<void> | null = null;

  const live = (type: LiveCallEvent["type"], payload?: Record<string, unknown>) => {
    if (!opts.publish) return;
    try {
      opts.publish({ type, callId, tenantId: tenant, at: new Date().toISOString(), payload });
    } catch (err) {
      logger.warn({ err, callId }, "live event publish failed");
    }
  };

  const usageRows = (): UsageRow[] => {
    const now = new Date();
    const periodStart = monthStart(now);
    const sources = opts.usageSources;
    const rows = [...usage.values()]
      .filter((u) => u.quantity > 0)
      .map(({ kind, model, quantity }) => ({ kind, model, quantity, costMicros: sources ? recordMicros(kind, quantity, sources, model) : 0, periodStart, occurredAt: now }));
    usage.clear();
    return rows;
  };

  // Usage is written with each turn (and at the end), so a lost server loses at most one turn's worth.
  const writeUsage = () => writer.usage(usageRows().map((row) => ({ ...address, row })));

  return {
    get dropped() {
      return dropped;
    },
    turn(t: TurnRecord) {
      live("turn", { ...t });
      void writer.turn({ ...address, row: t });
      void writeUsage();
    },
    event(type, payload) {
      live(type, payload);
      if (LIVE_ONLY.has(type)) return;
      if (pendingEvents >= MAX_PENDING) {
        dropped++;
        if (dropped === 1) logger.warn({ callId }, "call event queue full: dropping events until it drains");
        return;
      }
      pendingEvents++;
      void writer.events([{ ...address, row: { type, payload, at: new Date() } }]).finally(() => pendingEvents--);
    },
    usage(kind, quantity, model) {
      if (!(quantity > 0) || !Number.isFinite(quantity)) return;
      const key = `${kind}|${model ?? ""}`;
      const sum = usage.get(key) ?? { kind, model: model || null, quantity: 0 };
      sum.quantity += quantity;
      usage.set(key, sum);
    },
    ended(reason: EndReason, atMs: number) {
      if (ended) return;
      const endedAt = new Date(opts.startedAt.getTime() + atMs);
      const durationSec = Math.max(0, Math.round(atMs / 1000));
      // The engine has reported CALL_SECONDS and the call.ended event itself just before this. The last
      // usage is written (and with it every row given before) before the call is closed and costed.
      const lastRows = writeUsage();
      ended = (async () => {
        try {
          await lastRows;
          // Only a live call is closed here: a status callback that already finished it wins.
          await db.call.updateMany({
            where: { id: callId, status: { in: [...LIVE_CALL_STATUSES] } },
            data: { status: "COMPLETED", endedAt, durationSec, endedReason: reason as CallEndedReason, heartbeatAt: null },
          });
          await priceCall(db, callId, { logger });
        } catch (err) {
          logger.error({ err, callId, write: "end" }, "call record write failed");
        }
      })();
    },
    flush: async () => {
      await writer.flush();
      await ended;
    },
  };
}
