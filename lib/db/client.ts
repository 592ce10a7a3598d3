// The Prisma client. Every process (app, voice server, worker) talks PostgreSQL through
// @prisma/adapter-pg: to a real server when DATABASE_URL is set, else to the embedded PGlite the
// launcher serves on a loopback port. One code path for both.
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/client";
import { getEnv } from "../env";

export type Db = PrismaClient;

export function createDb(connectionString: string, opts: { max?: number } = {}): Db {
  const adapter = new PrismaPg({ connectionString, max: opts.max ?? 10 });
  return new PrismaClient({ adapter });
}

// Kept on globalThis so Next.js hot reload does not open a new pool per edit.
const holder = globalThis as unknown as { __frontdeskDb?: Db };

export function getDb(): Db {
  holder.__frontdeskDb ??= createDb(getEnv().databaseUrl);
  return holder.__frontdeskDb;
}

/** Replace the process-wide client (integration tests point it at their own database). */
export function setDb(db: Db | undefined): void {
  holder.__frontdeskDb = db;
}
