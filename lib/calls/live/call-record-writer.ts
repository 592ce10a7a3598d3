// Gathers the live call record of every call a voice server holds (turns, events, usage) and writes it
// in a few statements per window instead of one per row. At 200 calls that was ~240 inserts a second,
// each one waking a PostgreSQL backend that then took the voice server's core from its event loop
// (~0.5 ms of stall per statement, measured in a cpu-prof of `npm run bench:voice`): with a 100 ms
// window it is at most three statements per window, whatever the number of calls.
//
// A row is in the database within about one window of its call reporting it: still "as it happens",
// and a server that dies loses at most that window. Batches are written one after another in the
// order rows arrived, so a call's rows land in its own order, and a promise for a row settles only
// when every row given before it has been attempted (what a call's end waits for before costing it).
//
// One bad row (a call deleted meanwhile, a duplicate turn index) fails its whole statement and would
// lose the other calls' rows with it: the statement is then retried row by row, so only that row is
// lost, and logged. Nothing is retried after that: a database that refuses every row has its errors in
// the log, and the calls go on.
import type { Logger } from "pino";
import type { TurnRecord } from "../../conversation/types";
import { insertEvents, insertTurns, insertUsage, type CallRow, type EventRow, type RawExecutor, type UsageRow } from "./call-record-sql";

export interface CallRecordWriter {
  turn(row: CallRow<TurnRecord>): Promise<void>;
  events(rows: readonly CallRow<EventRow>[]): Promise<void>;
  usage(rows: readonly CallRow<UsageRow>[]): Promise<void>;
  /** Writes what is waiting now; resolves once everything given before has been attempted. */
  flush(): Promise<void>;
  readonly stats: CallRecordWriterStats;
}

export interface CallRecordWriterStats {
  statements: number;
  rowsWritten: number;
  /** Rows the database refused (each logged with its call). */
  rowsFailed: number;
}

export interface CallRecordWriterOptions {
  db: RawExecutor;
  logger: Logger;
  /** How long the first row waits for company before its batch is written, ms. Default 100; 0: the next turn of the event loop. */
  windowMs?: number;
  /** A batch this large is written at once, window or not (per table). Default 500. */
  maxRows?: number;
}

type Table = "turns" | "events" | "usage";
const INSERT: Record<Table, (db: RawExecutor, rows: readonly CallRow<never>[]) => Promise<void>> = {
  turns: insertTurns,
  events: insertEvents,
  usage: insertUsage,
};

interface Batch {
  turns: CallRow<TurnRecord>[];
  events: CallRow<EventRow>[];
  usage: CallRow<UsageRow>[];
  written: Promise<void>;
  settle: () => void;
}

function newBatch(): Batch {
  let settle!: () => void;
  const written = new Promise<void>((resolve) => (settle = resolve));
  return { turns: [], events: [], usage: [], written, settle };
}

export function createCallRecordWriter(opts: CallRecordWriterOptions): CallRecordWriter {
  const windowMs = opts.windowMs ?? 100;
  const maxRows = opts.maxRows ?? 500;
  const stats: CallRecordWriterStats = { statements: 0, rowsWritten: 0, rowsFailed: 0 };
  let open = newBatch();
  let inFlight: Batch | null = null;
  let timer: NodeJS.Timeout | null = null;

  const waiting = () => open.turns.length + open.events.length + open.usage.length;

  function add<T>(table: Table, rows: readonly CallRow<T>[]): Promise<void> {
    // Nothing to add still settles after what was given before (a call's end waits on it).
    if (rows.length === 0) return waiting() > 0 ? open.written : (inFlight?.written ?? Promise.resolve());
    const batch = open;
    (batch[table] as CallRow<T>[]).push(...rows);
    if (batch[table].length >= maxRows) writeNow();
    else schedule();
    return batch.written;
  }

  function schedule(): void {
    if (timer || inFlight) return; // a running batch looks at what waits when it is done
    timer = setTimeout(writeNow, windowMs);
    timer.unref();
  }

  function writeNow(): void {
    if (timer) clearTimeout(timer);
    timer = null;
    if (inFlight || waiting() === 0) return;
    const batch = (inFlight = open);
    open = newBatch();
    void write(batch).finally(() => {
      inFlight = null;
      batch.settle();
      // What arrived while this batch was written waits out its own window (a full one goes at once).
      if (waiting() >= maxRows) writeNow();
      else if (waiting() > 0) schedule();
    });
  }

  async function write(batch: Batch): Promise<void> {
    for (const table of ["turns", "events", "usage"] as const) {
      const rows = batch[table] as CallRow<never>[];
      if (rows.length > 0 && !(await insert(table, rows)) && rows.length > 1) for (const row of rows) await insert(table, [row]);
    }
  }

  /** One statement; false when the database refused it (a single row's failure is logged with its call). */
  async function insert(table: Table, rows: readonly CallRow<never>[]): Promise<boolean> {
    stats.statements++;
    try {
      await INSERT[table](opts.db, rows);
      stats.rowsWritten += rows.length;
      return true;
    } catch (err) {
      if (rows.length === 1) {
        stats.rowsFailed++;
        opts.logger.error({ err, callId: rows[0]!.callId, table }, "call record write failed");
      }
      return false;
    }
  }

  return {
    turn: (row) => add("turns", [row]),
    events: (rows) => add("events", rows),
    usage: (rows) => add("usage", rows),
    async flush() {
      while (inFlight || waiting() > 0) {
        writeNow();
        await inFlight?.written;
      }
    },
    stats,
  };
}
