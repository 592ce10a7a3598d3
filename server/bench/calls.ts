// npm run bench:calls -- --calls 1000000 [--tenants 20] [--runs 50] [--reseed] [--database-url URL]
// The calls history at size, on PostgreSQL: a kept bench database (frontdesk_bench_calls on the test
// server, TEST_POSTGRES_URL or --database-url), migrated, seeded once with N calls and ~4-8 turns each
// across T tenants (calls-seed.ts; reused on the next run unless --reseed or the size differs), then
// timed through the real service functions for the first tenant: list pages (first, filtered, deep
// cursor, other sorts), transcript searches, call detail, and a filtered CSV export. Prints p50/p95/p99
// per case after a warm-up; goal p95 ≤ 200 ms each. Prints figures; asserts nothing (machines are shared).
import { parseArgs } from "node:util";
import { exportCallsCsv } from "../../lib/calls/export";
import { callExportQuerySchema, callListQuerySchema } from "../../lib/calls/list-query";
import { getCallOrThrow, listCalls } from "../../lib/calls/service";
import { createDb, setDb } from "../../lib/db/client";
import { applyMigrations } from "../../lib/db/migrations/apply";
import { systemScope } from "../../lib/tenant/system-scope";
import { percentile } from "./kb-stats";
import { seedCalls, seedTenants } from "./calls-seed";

const { values } = parseArgs({
  options: {
    calls: { type: "string", default: "1000000" },
    tenants: { type: "string", default: "20" },
    runs: { type: "string", default: "50" },
    reseed: { type: "boolean", default: false },
    "database-url": { type: "string" },
  },
});
const CALLS = Number(values.calls);
const TENANTS = Number(values.tenants);
const RUNS = Number(values.runs);
const WARMUP = 5;
// Common and rare words, a prefix being typed, AND, a phrase, a name, an exclusion, digits.
const SEARCHES = ["parking", "refund", "park", "dishwasher warranty", "\"late fee\"", "Kowalski", "vaccination", "insurance -Aetna", "order 48", "tax return", "thanks", "the"];

async function timeCase(label: string, run: (i: number) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < WARMUP; i++) await run(i);
  const times: number[] = [];
  let last: unknown;
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    last = await run(i);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const [p50, p95, p99] = [50, 95, 99].map((p) => percentile(times, p).toFixed(1)) as [string, string, string];
  const rows = Array.isArray(last) ? ` (${last.length} rows)` : typeof last === "number" ? ` (${last} rows)` : "";
  console.log(`${label.padEnd(44)} p50 ${p50.padStart(6)} ms  p95 ${p95.padStart(6)} ms  p99 ${p99.padStart(6)} ms${rows}`);
}

async function main(): Promise<void> {
  if (values["database-url"]) process.env.TEST_POSTGRES_URL = values["database-url"];
  // Imported here: it reads TEST_POSTGRES_URL when it loads.
  const { ensureDatabase } = await import("../../lib/test/throwaway-postgres");
  const database = await ensureDatabase("frontdesk_bench_calls");
  const db = createDb(database.url, { max: 10 });
  setDb(db); // the services' scoped clients use the process-wide client
  try {
    await applyMigrations(database.url);
    const seeded = await db.call.count();
    if (values.reseed || seeded !== CALLS || (await db.tenant.count()) !== TENANTS) {
      console.log(`seeding ${database.name}: ${CALLS.toLocaleString("en-US")} calls across ${TENANTS} tenants (was ${seeded.toLocaleString("en-US")} calls)`);
      const t0 = performance.now();
      await db.$executeRawUnsafe(`TRUNCATE "Tenant" CASCADE`);
      const { tenantIds, agentIds } = await seedTenants(db, TENANTS);
      const turns = await seedCalls(database.url, CALLS, tenantIds, agentIds, (line) => console.log(line));
      console.log(`seeded ${CALLS.toLocaleString("en-US")} calls, ${turns.toLocaleString("en-US")} turns in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
    } else {
      console.log(`${database.name}: reusing ${seeded.toLocaleString("en-US")} calls (--reseed to seed again)`);
    }

    const tenant = await db.tenant.findUniqueOrThrow({ where: { slug: "bench-calls-0" }, include: { agents: { orderBy: { name: "asc" } } } });
    const scope = systemScope(tenant.id, { reason: "worker:bench" });
    const tenantCalls = await db.call.count({ where: { tenantId: tenant.id } });
    console.log(`measured tenant: ${tenantCalls.toLocaleString("en-US")} calls; ${RUNS} runs per case after ${WARMUP} warm-up runs`);
    const list = (query: Record<string, string>) => listCalls(scope, callListQuerySchema.parse(query)).then((p) => p.calls);
    const day = 86_400_000;
    const window = { from: new Date(Date.now() - 90 * day).toISOString(), to: new Date(Date.now() - 60 * day).toISOString() };
    const filtered = { agentId: tenant.agents[0]!.id, status: "COMPLETED", ...window };

    await timeCase("first page (25, newest first)", () => list({}));
    await timeCase("filtered page (agent + status + 30 days)", () => list(filtered));
    for (const [sort, order] of [["duration", "desc"], ["duration", "asc"], ["cost", "desc"]] as const) {
      await timeCase(`first page sorted by ${sort} ${order}`, () => list({ sort, order }));
    }
    // The cursor after page 200 (rows 4,976-5,000), walked once; each run then reads the page after it.
    const deep = Math.min(200, Math.floor(tenantCalls / 25) - 1);
    for (const sort of ["started_at", "duration"] as const) {
      let cursor: string | null = null;
      for (let page = 0; page < deep; page++) cursor = (await listCalls(scope, callListQuerySchema.parse({ sort, ...(cursor ? { cursor } : {}) }))).nextCursor;
      await timeCase(`deep cursor page (page ${deep + 1}, ${sort})`, () => list({ sort, cursor: cursor! }));
    }
    await timeCase("transcript search (12 queries, rotating)", (i) => list({ q: SEARCHES[i % SEARCHES.length]! }));
    for (const q of SEARCHES) await timeCase(`  q=${q}`, () => list({ q }));
    await timeCase("search, a rare word (an order number)", () => list({ q: "482913" }));
    // Step 3 of the search: a word in most calls, but not in any the status keeps (unanswered: no turns).
    await timeCase("search, common word the filters exclude", () => list({ q: "the", status: "NO_ANSWER" }));
    await timeCase("transcript search + agent + 30 days", (i) => list({ q: SEARCHES[i % SEARCHES.length]!, agentId: filtered.agentId, ...window }));
    const sample = await db.call.findMany({ where: { tenantId: tenant.id }, select: { id: true }, take: RUNS + WARMUP, skip: Math.max(0, Math.min(1000, tenantCalls - RUNS - WARMUP)) });
    await timeCase("call detail (turns, events, messages, usage)", (i) => getCallOrThrow(scope, sample[i % sample.length]!.id));
    await timeCase("CSV export (agent + status + 30 days, all rows)", async () => {
      const text = await new Response(await exportCallsCsv(scope, callExportQuerySchema.parse(filtered))).text();
      return text.split("\r\n").length - 2; // header and the final line break
    });
  } finally {
    setDb(undefined);
    await db.$disconnect();
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
