// Wakes pollers when a job is enqueued anywhere: LISTEN on a dedicated `pg` connection (a pooled
// Prisma connection cannot hold a LISTEN). Used only where it works: after LISTEN it sends itself a
// probe NOTIFY through the ordinary pool and keeps listening only if the probe arrives. On the
// embedded PGlite served over the wire every connection shares one backend, so a notification goes
// back to whichever connection sent it, never to the listener (measured); the same goes for a pooler in
// transaction mode. There the probe times out, the connection is closed, and polling back-off alone
// (plus direct wake-ups inside one process) carries the load.
import { randomUUID } from "node:crypto";
import pg from "pg";
import type { Logger } from "pino";
import type { Db } from "../../db/client";
import { QUEUE_CHANNEL } from "./job-row";

export interface NotifyListenerOptions {
  url: string;
  /** The ordinary pool: the probe NOTIFY goes through it, a connection other than the listener's. */
  db: Pick<Db, "$queryRaw">;
  /** A job of this name (or, after a reconnect, possibly any: name undefined) may be claimable. */
  onWake: (name?: string) => void;
  log?: Logger;
  probeTimeoutMs?: number;
}

export type ListenerState = "starting" | "listening" | "unsupported" | "closed";

export class NotifyListener {
  private client?: pg.Client;
  private _state: ListenerState = "starting";
  private retryTimer?: NodeJS.Timeout;
  private retryMs = 1000;
  private starting?: Promise<void>;
  /** Ends a pending probe wait when close() is called. */
  private cancelProbe?: () => void;

  constructor(private readonly opts: NotifyListenerOptions) {}

  get state(): ListenerState {
    return this._state;
  }

  /** Connects in the background; never throws (pollers work without it). */
  start(): void {
    this.starting = this.connect().catch((err: unknown) => {
      const client = this.client;
      this.client = undefined;
      void client?.end().catch(() => undefined);
      if (this.closed) return;
      this.opts.log?.warn({ err }, "queue LISTEN connection failed; retrying");
      this.scheduleReconnect();
    });
  }

  async close(): Promise<void> {
    this._state = "closed";
    clearTimeout(this.retryTimer);
    this.cancelProbe?.();
    await this.starting?.catch(() => undefined);
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({ connectionString: this.opts.url, application_name: "frontdesk-queue-listen" });
    client.on("error", () => undefined); // 'end' follows; handled there
    await client.connect();
    if (this.closed) return void (await client.end());
    this.client = client;
    const token = `probe:${randomUUID()}`;
    let probed!: () => void;
    const arrived = new Promise<void>((resolve) => (probed = resolve));
    client.on("notification", (msg) => {
      if (msg.payload === token) probed();
      else if (!msg.payload?.startsWith("probe:")) this.opts.onWake(msg.payload);
    });
    await client.query(`LISTEN ${QUEUE_CHANNEL}`);
    await this.opts.db.$queryRaw`SELECT pg_notify(${QUEUE_CHANNEL}, ${token}) IS NULL AS "sent"`;
    let timer: NodeJS.Timeout | undefined;
    const ok = await Promise.race([
      arrived.then(() => true),
      new Promise<boolean>((resolve) => {
        timer = setTimeout(() => resolve(false), this.opts.probeTimeoutMs ?? 2000);
        this.cancelProbe = () => resolve(false);
      }),
    ]);
    clearTimeout(timer);
    this.cancelProbe = undefined;
    if (this.closed) return;
    if (!ok) {
      this._state = "unsupported";
      this.client = undefined;
      await client.query(`UNLISTEN ${QUEUE_CHANNEL}`).catch(() => undefined);
      await client.end().catch(() => undefined);
      this.opts.log?.info("LISTEN/NOTIFY is not delivered by this database; the queue polls with back-off only");
      return;
    }
    this._state = "listening";
    this.retryMs = 1000;
    client.once("end", () => {
      if (this.closed || this.client !== client) return;
      this.client = undefined;
      this._state = "starting";
      this.opts.log?.warn("queue LISTEN connection lost; reconnecting");
      this.scheduleReconnect();
    });
    // Anything enqueued while we were not listening has to be found by a poll.
    this.opts.onWake();
  }

  /** A getter, so TypeScript does not narrow `_state` across awaits in connect(). */
  private get closed(): boolean {
    return this._state === "closed";
  }

  private scheduleReconnect(): void {
    if (this.closed) return;
    this.retryTimer = setTimeout(() => this.start(), this.retryMs);
    this.retryTimer.unref();
    this.retryMs = Math.min(30_000, this.retryMs * 2);
  }
}
