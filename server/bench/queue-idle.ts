// npm run bench:queue-idle — what an idle database queue costs the database that live calls share:
// statements per minute while nothing is enqueued, with the worker's real jobs registered plus
// `--types N` extra job types (default 4) that a growing app will add. Counted as committed
// transactions (every autocommit statement is one) in pg_stat_database of a throwaway PostgreSQL
// database, read from another database so the reading does not count. Prints figures; asserts nothing.
//   npm run bench:queue-idle -- --seconds 60 --types 4
import { parseArgs } from "node:util";
import pg from "pg";
import pino from "pino";
import { z } from "zod";
import { createDb } from "../../lib/db/client";
import { applyMigrations } from "../../lib/db/migrations/apply";
import { registerJobs } from "../../lib/jobs/register-jobs";
import { defineJob } from "../../lib/providers/queue/define-job";
import { PostgresQueue } from "../../lib/providers/queue/postgres";
import { createThrowawayDatabase, TEST_POSTGRES_URL } from "../../lib/test/throwaway-postgres";

const { values } = parseArgs({
  options: { seconds: { type: "string", default: "60" }, warmup: { type: "string", default: "15" }, types: { type: "string", default: "4" } },
});
const seconds = Number(values.seconds);
const warmup = Number(values.warmup);
const extraTypes = Number(values.types);

async function commits(admin: pg.Client, name: string): Promise<number> {
  // Statistics reach pg_stat_database within about a second; the snapshot is per transaction.
  await admin.query("SELECT pg_stat_clear_snapshot()");
  const { rows } = await admin.query<{ n: string }>("SELECT (xact_commit + xact_rollback)::text AS n FROM pg_stat_database WHERE datname = $1", [name]);
  return Number(rows[0]?.n ?? 0);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function main(): Promise<void> {
  const throwaway = await createThrowawayDatabase("bench_queue_idle");
  const admin = new pg.Client({ connectionString: TEST_POSTGRES_URL });
  await admin.connect();
  const db = createDb(throwaway.url, { max: 3 });
  const logger = pino({ level: "silent" });
  const queue = new PostgresQueue({ db, logger, listenUrl: throwaway.url });
  try {
    await applyMigrations(throwaway.url);
    await registerJobs(queue, { db, logger });
    for (let i = 0; i < extraTypes; i++) {
      await queue.process(defineJob({ name: `bench.idle-${i}`, schema: z.object({}) }), async () => undefined);
    }
    const types = 1 + extraTypes;
    console.log(`idle database queue, ${types} job types, warming up ${warmup} s, then measuring ${seconds} s ...`);
    await sleep(warmup * 1000);
    await sleep(1500); // let the warm-up's statistics land before the first reading
    const before = await commits(admin, throwaway.name);
    await sleep(seconds * 1000);
    await sleep(1500);
    const after = await commits(admin, throwaway.name);
    const perMinute = ((after - before) / seconds) * 60;
    console.log(`statements per minute while idle: ${perMinute.toFixed(0)} (${after - before} in ${seconds} s, ${types} job types)`);
    console.log(`per job type: ${(perMinute / types).toFixed(1)} / min`);
  } finally {
    await queue.close();
    await db.$disconnect();
    await admin.end();
    await throwaway.drop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
