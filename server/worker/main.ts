// The worker process: runs the background jobs of lib/jobs on the queue chosen by env (BullMQ when
// REDIS_URL is set, else the "Job" table of the database, where the app and the voice server enqueue
// too) and serves GET /health on WORKER_PORT.
import { createServer } from "node:http";
import { platformDb } from "../../lib/tenant/platform-db";
import { getEnv, requireAuthSecret } from "../../lib/env";
import { checkDatabase, checkRedis } from "../../lib/health/checks";
import { healthDetailAllowed } from "../../lib/health/report";
import { registerJobs } from "../../lib/jobs/register-jobs";
import { getLogger } from "../../lib/logger";
import { createQueue } from "../../lib/providers/queue";
import { createRequestListener, healthRoute } from "../shared/http";
import { exitOnFatal, failedToStart, onShutdown, WORKER_JOB_GRACE_MS } from "../shared/shutdown";

async function main(): Promise<void> {
  const env = getEnv();
  const log = getLogger("worker");
  exitOnFatal(log);
  requireAuthSecret(env); // fail at start, whatever NODE_ENV is: there is no built-in secret
  // Unscoped: the queue and maintenance jobs are platform work; a job on one tenant's data works
  // through scopedDb(systemScope(tenantId, { reason: "worker:<job>" }), db).
  const db = platformDb("process");
  const queue = await createQueue({
    redisUrl: env.REDIS_URL,
    db,
    databaseUrl: env.databaseUrl, // LISTEN for new jobs where the database delivers NOTIFY
    failedRetentionMs: env.QUEUE_FAILED_RETENTION_DAYS * 86_400_000,
    logger: log,
  });

  const server = createServer(
    createRequestListener(
      {
        "GET /health": healthRoute("worker", {
          database: () => checkDatabase({ db }),
          redis: () => checkRedis(),
          queue: () => queue.health(),
        }, { detail: healthDetailAllowed(env.NODE_ENV, env.WORKER_HOST) }),
      },
      log,
    ),
  );

  onShutdown(log, async () => {
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeAllConnections();
    // Running jobs get the grace period, then their signal aborts; all inside the launcher's SIGKILL deadline.
    await queue.close({ graceMs: WORKER_JOB_GRACE_MS });
    await closed;
    await db.$disconnect();
  });

  // Health first: if Redis is down at start, registering schedules waits for it, and /health
  // should be there to say so meanwhile.
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(env.WORKER_PORT, env.WORKER_HOST, () => resolve());
  });
  log.info({ host: env.WORKER_HOST, port: env.WORKER_PORT, queue: queue.mode }, "worker health endpoint listening");

  await registerJobs(queue, { db, logger: log });
  log.info({ queue: queue.mode }, "worker processing jobs");
}

main().catch((err: unknown) => failedToStart(getLogger("worker"), "worker failed to start", err));
