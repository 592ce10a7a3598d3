// Keeps a live call's record as it happens: every finished turn, the events worth keeping, usage, and
// the end. The engine reports through CallObserver methods that must return at once (they run on the
// call's hot path), so writes go through one ordered queue per call, drained by a single async loop:
// the turn written at 00:42 is in the database at 00:42, not when the call ends, and a voice server
// that dies mid-call loses only what was still in flight.
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
import { insertEvents, insertTurn, insertUsage, type EventRow, type UsageRow } from "./call-record-sql";

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
/** Queued writes per call before events are dropped (turns and the end are always kept). */
const MAX_PENDING = 500;

type Write = { kind: "turn" | "end"; run: () => Promise<unknown> } | { kind: "event"; row: EventRow };

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
}): CallPersistence {
  const { db, callId, logger } = opts;
  const tenant = opts.tenantId; // the live events' address (the raw inserts of call-record-sql.ts are bound to it too)
  const queue: Write[] = [];
  // Summed per kind and model until the next write ("" = the capability's own source).
  const usage = new Map<string, { kind: UsageKind; model: string | null; quantity: number }>();
  let draining: Promise<void> | null = null;
  let dropped = 0;
  let ended = false;

  const live = (type: LiveCallEvent["type"], payload?: Record<string, unknown>) => {
    if (!opts.publish) return;
    try {
      opts.publish({ type, callId, tenantId: tenant, at: new Date().toISOString(), payload });
    } catch (err) {
      logger.warn({ err, callId }, "live event publish failed");
    }
  };

  const enqueue = (write: Write) => {
    if (write.kind === "event" && queue.length >= MAX_PENDING) {
      dropped++;
      if (dropped === 1) logger.warn({ callId }, "call event queue full: dropping events until it drains");
      return;
    }
    queue.push(write);
    draining ??= drain();
  };

  async function drain(): Promise<void> {
    try {
      for (let w = queue.shift(); w; w = queue.shift()) {
        try {
          if (w.kind !== "event") await w.run();
          else {
            // Events queued back to back (a barge-in, a tool's start and end…) go in one statement.
            const rows = [w.row];
            while (queue[0]?.kind === "event") rows.push((queue.shift() as Extract<Write, { kind: "event" }>).row);
            await insertEvents(db, opts, callId, rows);
          }
        } catch (err) {
          logger.error({ err, callId, write: w.kind }, "call record write failed");
        }
      }
    } finally {
      draining = null;
    }
  }

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
  const writeUsage = async () => {
    await insertUsage(db, opts, callId, usageRows());
  };

  return {
    get dropped() {
      return dropped;
    },
    turn(t: TurnRecord) {
      live("turn", { ...t });
      enqueue({
        kind: "turn",
        run: async () => {
          await insertTurn(db, opts, callId, t);
          await writeUsage();
        },
      });
    },
    event(type, payload) {
      live(type, payload);
      if (LIVE_ONLY.has(type)) return;
      enqueue({ kind: "event", row: { type, payload, at: new Date() } });
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
      ended = true;
      const endedAt = new Date(opts.startedAt.getTime() + atMs);
      const durationSec = Math.max(0, Math.round(atMs / 1000));
      // The engine has reported CALL_SECONDS and the call.ended event itself just before this.
      enqueue({
        kind: "end",
        run: async () => {
          // Only a live call is closed here: a status callback that already finished it wins.
          await db.call.updateMany({
            where: { id: callId, status: { in: [...LIVE_CALL_STATUSES] } },
            data: { status: "COMPLETED", endedAt, durationSec, endedReason: reason as CallEndedReason, heartbeatAt: null },
          });
          await writeUsage();
          await priceCall(db, callId, { logger });
        },
      });
    },
    flush: async () => {
      while (draining) await draining;
    },
  };
}

