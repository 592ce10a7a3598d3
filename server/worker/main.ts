// The worker process: runs the background jobs of lib/jobs on the queue chosen by env (BullMQ when
// REDIS_URL is set, else the "Job" table of the database, where the app and the voice server enqueue
// too) and serves GET /health on WORKER_PORT.
import { createServer } from "node:http";
import { getDb } from "../../lib/db/client";
import { getEnv } from "../../lib/env";
import { checkDatabase, checkRedis } from "../../lib/health/checks";
import { registerJobs } from "../../lib/jobs/register-jobs";
import { getLogger } from "../../lib/logger";
import { createQueue } from "../../lib/providers/queue";
import { createRequestListener, healthRoute } from "../shared/http";
import { exitOnFatal, onShutdown } from "../shared/shutdown";

async function main(): Promise<void> {
  const env = getEnv();
  const log = getLogger("worker");
  exitOnFatal(log);
  const db = getDb();
  const queue = await createQueue({ redisUrl: env.REDIS_URL, db, logger: log });

  const server = createServer(
    createRequestListener(
      {
        "GET /health": healthRoute("worker", {
          database: () => checkDatabase({ db }),
          redis: () => checkRedis(),
          queue: () => queue.health(),
        }),
      },
      log,
    ),
  );

  onShutdown(log, async () => {
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeAllConnections();
    await queue.close(); // waits for running jobs
    await closed;
    await db.$disconnect();
  });

  // Health first: if Redis is down at start, registering schedules waits for it, and /health
  // should be there to say so meanwhile.
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(env.WORKER_PORT, () => resolve());
  });
  log.info({ port: env.WORKER_PORT, queue: queue.mode }, "worker health endpoint listening");

  await registerJobs(queue, { db, logger: log });
  log.info({ queue: queue.mode }, "worker processing jobs");
}

main().catch((err: unknown) => {
  getLogger("worker").fatal({ err }, "worker failed to start");
  process.exit(1);
});
