// Serialises PostgreSQL wire-protocol traffic from many client connections onto the one PGlite
// backend. Queueing single messages would interleave connections, so one connection's
// Parse/Bind/Execute could run between another's and bind against the wrong statement (measured:
// "bind message supplies 4 parameters, but prepared statement "" requires 2", and rows returned to
// the wrong caller). Here a connection owns the backend from its first message until the unit ends
// (Sync or a simple Query) and, while it has a transaction open, until that transaction ends.
//
// Owning the backend blocks every other connection, so an owner may only stay idle (nothing queued,
// nothing running) for `idleInTransactionTimeoutMs`: then its unit/transaction is rolled back, it is
// told why (onIdleTimeout: the server sends FATAL 25P03 and closes it) and the others proceed. Time
// spent running a statement is never idle, however long the statement takes.
import type { PGlite } from "@electric-sql/pglite";
import { SYNC_MESSAGE } from "./wire-protocol";

const SYNC = 0x53; // 'S'
const QUERY = 0x51; // 'Q'
const TERMINATE = 0x58; // 'X'

type Item =
  | {
      kind: "message";
      handlerId: number;
      message: Uint8Array;
      onData: (chunk: Uint8Array) => void;
      resolve: (bytes: number) => void;
      reject: (err: Error) => void;
    }
  | { kind: "release"; handlerId: number; done: () => void };

export interface WireQueueOptions {
  /** How long an owner of the backend may sit idle; 0 or undefined: no limit. */
  idleInTransactionTimeoutMs?: number;
  /** Called (once) for a connection that exceeded the limit, before its transaction is rolled back. */
  onIdleTimeout?: (handlerId: number) => void;
}

/** Ends a unit of work: after it, another connection may run unless a transaction is open. */
function endsUnit(message: Uint8Array): boolean {
  const type = message[0];
  // Startup and SSL/cancel requests start with a length, whose first byte is 0.
  return type === SYNC || type === QUERY || type === TERMINATE || type === 0;
}

export class WireQueue {
  private readonly pending: Item[] = [];
  private owner: number | null = null;
  /** The owner's last message left an extended-protocol unit open (no Sync yet). */
  private midUnit = false;
  private running = false;
  private idleTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly db: PGlite,
    private readonly opts: WireQueueOptions = {},
  ) {}

  enqueue(handlerId: number, message: Uint8Array, onData: (chunk: Uint8Array) => void): Promise<number> {
    if (handlerId === this.owner) this.disarm();
    return new Promise((resolve, reject) => {
      this.pending.push({ kind: "message", handlerId, message, onData, resolve, reject });
      void this.drain();
    });
  }

  /**
   * A connection is gone (closed, or closed by us): drop what it still had queued and, if it owned
   * the backend (mid-transaction or mid-unit), roll back and let the others in. Resolves when done.
   */
  release(handlerId: number): Promise<void> {
    for (let i = this.pending.length - 1; i >= 0; i--) {
      const item = this.pending[i]!;
      if (item.handlerId === handlerId && item.kind === "message") {
        this.pending.splice(i, 1);
        item.reject(new Error("Connection closed"));
      }
    }
    if (this.owner !== handlerId) return Promise.resolve();
    this.disarm();
    // Runs in order with the owner's work: if one of its messages is executing now, after it.
    return new Promise((done) => {
      this.pending.unshift({ kind: "release", handlerId, done });
      void this.drain();
    });
  }

  /** Stops the idle timer (server shutdown). */
  close(): void {
    this.disarm();
  }

  private next(): Item | undefined {
    const index = this.owner === null ? 0 : this.pending.findIndex((i) => i.handlerId === this.owner);
    return index === -1 ? undefined : this.pending.splice(index, 1)[0];
  }

  private async drain(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      for (let item = this.next(); item; item = this.next()) {
        if (item.kind === "release") {
          await this.rollBackOwner();
          item.done();
          continue;
        }
        this.owner = item.handlerId;
        let bytes = 0;
        try {
          await this.db.runExclusive(() =>
            this.db.execProtocolRawStream(item.message, {
              onRawData: (chunk) => {
                bytes += chunk.length;
                item.onData(chunk);
              },
            }),
          );
          item.resolve(bytes);
        } catch (err) {
          item.reject(err instanceof Error ? err : new Error(String(err)));
        }
        this.midUnit = !endsUnit(item.message);
        if (!this.midUnit && !this.db.isInTransaction()) this.owner = null;
      }
    } finally {
      this.running = false;
    }
    // The owner has nothing queued and nothing running: from now on it is idle.
    if (this.owner !== null) this.arm(this.owner);
  }

  private async rollBackOwner(): Promise<void> {
    if (this.midUnit) {
      // Close the abandoned unit first, so the ROLLBACK is not read as part of it.
      await this.db.runExclusive(() => this.db.execProtocolRawStream(SYNC_MESSAGE, { onRawData: () => undefined })).catch(() => undefined);
    }
    if (this.db.isInTransaction()) await this.db.exec("ROLLBACK").catch(() => undefined);
    this.owner = null;
    this.midUnit = false;
  }

  private arm(handlerId: number): void {
    const ms = this.opts.idleInTransactionTimeoutMs ?? 0;
    if (ms <= 0 || this.idleTimer) return;
    this.idleTimer = setTimeout(() => {
      this.idleTimer = undefined;
      if (this.owner !== handlerId || this.pending.some((i) => i.handlerId === handlerId)) return;
      this.opts.onIdleTimeout?.(handlerId);
      void this.release(handlerId);
    }, ms);
  }

  private disarm(): void {
    clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
  }
}
