// The jobs this worker runs on the database queue, each with its AbortController. A heartbeat renews
// their `heartbeatAt` while any run (no statement when idle) and aborts a job's signal as soon as its
// row no longer names this worker, i.e. stalled-job recovery re-queued it (this process was paused or
// cut off longer than the visibility timeout) and another worker may run it now. When the heartbeat
// itself fails, ownership cannot be proved: once the last successful renewal is older than the
// visibility timeout minus one heartbeat, recovery elsewhere may already have taken the job, so abort.
import type { Logger } from "pino";
import type { Db } from "../../db/client";
import { renewLeases } from "./postgres-sql";
import { JobLockLostError } from "./types";

interface Lease {
  attempt: number;
  controller: AbortController;
  /** Date.now() of the claim or the last renewal that proved ownership. */
  renewedAt: number;
}

export interface JobLeasesOptions {
  db: Db;
  workerId: string;
  heartbeatMs: number;
  visibilityTimeoutMs: number;
  log?: Logger;
}

export class JobLeases {
  private readonly leases = new Map<string, Lease>();
  private timer?: NodeJS.Timeout;
  private beating = false;

  constructor(private readonly opts: JobLeasesOptions) {}

  /** A job was just claimed (its heartbeatAt set by the claim): track it and hand out its signal. */
  add(id: string, attempt: number): AbortSignal {
    const lease: Lease = { attempt, controller: new AbortController(), renewedAt: Date.now() };
    this.leases.set(id, lease);
    if (!this.timer) {
      this.timer = setInterval(() => void this.beat(), this.opts.heartbeatMs);
      this.timer.unref();
    }
    return lease.controller.signal;
  }

  delete(id: string): void {
    this.leases.delete(id);
    if (this.leases.size === 0) this.stop();
  }

  abortAll(reason: Error): void {
    for (const lease of this.leases.values()) lease.controller.abort(reason);
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** One heartbeat: renew every lease, abort those whose ownership is gone or can no longer be proved. */
  async beat(): Promise<void> {
    if (this.beating || this.leases.size === 0) return;
    this.beating = true;
    const snapshot = [...this.leases].map(([id, l]) => ({ id, attempt: l.attempt, lease: l }));
    try {
      const started = Date.now();
      const owned = await renewLeases(this.opts.db, snapshot, this.opts.workerId);
      for (const { id, lease } of snapshot) {
        if (this.leases.get(id) !== lease) continue; // finished meanwhile
        if (owned.has(id)) lease.renewedAt = started;
        else this.lose(id, lease, "its row was re-queued by stalled-job recovery (or removed)");
      }
    } catch (err) {
      this.opts.log?.warn({ err }, "job heartbeat failed");
      const limit = this.opts.visibilityTimeoutMs - this.opts.heartbeatMs;
      for (const { id, lease } of snapshot) {
        if (this.leases.get(id) === lease && Date.now() - lease.renewedAt >= limit) {
          this.lose(id, lease, `its heartbeat could not be renewed for ${Date.now() - lease.renewedAt} ms`);
        }
      }
    } finally {
      this.beating = false;
    }
  }

  private lose(id: string, lease: Lease, detail: string): void {
    if (lease.controller.signal.aborted) return;
    this.opts.log?.warn({ jobId: id, attempt: lease.attempt }, `job lock lost: ${detail}; aborting its handler`);
    lease.controller.abort(new JobLockLostError(id, detail));
  }
}
