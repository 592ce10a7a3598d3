// Serialises PostgreSQL wire-protocol traffic from many client connections onto the one PGlite
// backend. pglite-socket's own queue interleaves single messages, so one connection's
// Parse/Bind/Execute could run between another's and bind against the wrong statement (measured:
// "bind message supplies 4 parameters, but prepared statement "" requires 2", and rows returned to
// the wrong caller). Here a connection owns the backend from its first message until the unit ends
// (Sync or a simple Query) and, while it has a transaction open, until that transaction ends.
import type { PGlite } from "@electric-sql/pglite";

const SYNC = 0x53; // 'S'
const QUERY = 0x51; // 'Q'
const TERMINATE = 0x58; // 'X'

type Item = {
  handlerId: number;
  message: Uint8Array;
  onData: (chunk: Uint8Array) => void;
  resolve: (bytes: number) => void;
  reject: (err: Error) => void;
};

/** Ends a unit of work: after it, another connection may run unless a transaction is open. */
function endsUnit(message: Uint8Array): boolean {
  const type = message[0];
  // Startup and SSL/cancel requests start with a length, whose first byte is 0.
  return type === SYNC || type === QUERY || type === TERMINATE || type === 0;
}

export class WireQueue {
  private readonly pending: Item[] = [];
  private owner: number | null = null;
  private running = false;

  constructor(private readonly db: PGlite) {}

  enqueue(handlerId: number, message: Uint8Array, onData: (chunk: Uint8Array) => void): Promise<number> {
    return new Promise((resolve, reject) => {
      this.pending.push({ handlerId, message, onData, resolve, reject });
      void this.drain();
    });
  }

  getQueueLength(): number {
    return this.pending.length;
  }

  /** A connection went away: drop what it still had queued. */
  clearQueueForHandler(handlerId: number): void {
    for (let i = this.pending.length - 1; i >= 0; i--) {
      if (this.pending[i]!.handlerId === handlerId) this.pending.splice(i, 1)[0]!.reject(new Error("Handler disconnected"));
    }
  }

  /** ...and if it owned the backend (mid-transaction or mid-unit), roll back and let others in. */
  async clearTransactionIfNeeded(handlerId: number): Promise<void> {
    if (this.owner !== handlerId) return;
    if (this.db.isInTransaction()) await this.db.exec("ROLLBACK").catch(() => undefined);
    this.owner = null;
    void this.drain();
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
        this.owner = item.handlerId;
        let bytes = 0;
        try {
          await this.db.runExclusive(() =>
            this.db.execProtocolRawStream(item!.message, {
              onRawData: (chunk) => {
                bytes += chunk.length;
                item!.onData(chunk);
              },
            }),
          );
          item.resolve(bytes);
        } catch (err) {
          item.reject(err instanceof Error ? err : new Error(String(err)));
        }
        if (endsUnit(item.message) && !this.db.isInTransaction()) this.owner = null;
      }
    } finally {
      this.running = false;
    }
  }
}
