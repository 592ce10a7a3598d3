// The knowledge jobs as the worker runs them: the demo seed's documents, queued in the seed's
// transaction, are processed by the database queue with the worker's registered handlers until READY,
// and the coalesced vocabulary job then gives the demo agent its knowledge phrases.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDatabase } from "../../../prisma/seed";
import { DEMO_DOCUMENTS } from "../../../prisma/seed-knowledge";
import { createDb, type Db } from "../../db/client";
import { applyMigrations } from "../../db/migrations/apply";
import { PostgresQueue } from "../../providers/queue/postgres";
import { LocalStorage, setStorage } from "../../providers/storage";
import { createThrowawayDatabase, type ThrowawayDatabase } from "../../test/throwaway-postgres";
import { registerJobs } from "../register-jobs";

let throwaway: ThrowawayDatabase;
let db: Db;
let queue: PostgresQueue;
let root: string;

beforeAll(async () => {
  throwaway = await createThrowawayDatabase("knowledge_jobs");
  await applyMigrations(throwaway.url);
  db = createDb(throwaway.url, { max: 4 });
  root = await mkdtemp(path.join(tmpdir(), "knowledge-jobs-"));
  setStorage(new LocalStorage(root));
});

afterAll(async () => {
  await queue?.close({ graceMs: 5_000 });
  setStorage(undefined);
  await db?.$disconnect();
  await throwaway?.drop();
  await rm(root, { recursive: true, force: true });
});

async function until<T>(read: () => Promise<T>, done: (v: T) => boolean, limitMs = 60_000): Promise<T> {
  const deadline = Date.now() + limitMs;
  for (;;) {
    const v = await read();
    if (done(v) || Date.now() > deadline) return v;
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe("knowledge jobs in the worker", () => {
  it("processes the seeded documents to READY and rebuilds the demo agent's vocabulary", async () => {
    await seedDatabase(db, { storage: new LocalStorage(root) });
    const logger = pino({ level: "silent" });
    queue = new PostgresQueue({ db, logger, listenUrl: throwaway.url, pollMs: 50 });
    await registerJobs(queue, { db, logger });

    const docs = await until(
      () => db.knowledgeDocument.findMany({ select: { title: true, status: true, chunkCount: true, errorCode: true } }),
      (ds) => ds.length === DEMO_DOCUMENTS.length && ds.every((d) => d.status === "READY" || d.status === "FAILED"),
    );
    expect(docs.map((d) => [d.title, d.status, d.errorCode]).sort()).toEqual(DEMO_DOCUMENTS.map((d) => [d.title, "READY", null]).sort());
    expect(docs.every((d) => d.chunkCount > 0)).toBe(true);

    const agent = await until(
      () => db.agent.findFirstOrThrow({ select: { knowledgePhrases: true } }),
      (a) => a.knowledgePhrases.length > 0,
    );
    expect(agent.knowledgePhrases).toEqual(expect.arrayContaining(["what about payment plans", "do you take new patients"]));
  });
});
