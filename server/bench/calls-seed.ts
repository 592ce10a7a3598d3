// Seeding for the calls benchmark (calls.ts): N calls across T tenants (5 agents each) and their turns,
// generated inside PostgreSQL (INSERT … SELECT over generate_series, 100k calls a statement) with
// varied transcript text from calls-text.ts. Foreign-key triggers are skipped for the load
// (session_replication_role = replica: the generator only writes consistent rows) and the full-text
// GIN indexes are built once after the turns are in, as a bulk load would.
import pg from "pg";
import type { Db } from "../../lib/db/client";
import { AGENT_LINES, CALLER_OPENERS, DETAILS, FIRST_NAMES, LAST_NAMES, STREETS, TOPICS } from "./calls-text";

const CHUNK = 100_000;
export const AGENTS_PER_TENANT = 5;
export const benchCallId = (n: number) => `bc${String(n).padStart(8, "0")}`;

/** The tenants and agents; returns tenant ids (index 0 is the one measured) and agent ids tenant by tenant. */
export async function seedTenants(db: Db, tenants: number): Promise<{ tenantIds: string[]; agentIds: string[] }> {
  const tenantIds: string[] = [];
  const agentIds: string[] = [];
  for (let i = 0; i < tenants; i++) {
    const t = await db.tenant.create({ data: { name: `Bench calls ${i}`, slug: `bench-calls-${i}` } });
    tenantIds.push(t.id);
    for (let a = 0; a < AGENTS_PER_TENANT; a++) {
      const agent = await db.agent.create({ data: { tenantId: t.id, name: `Agent ${i}-${a}`, greeting: "Hello", systemPrompt: "You answer the phone.", businessHours: {} } });
      agentIds.push(agent.id);
    }
  }
  return { tenantIds, agentIds };
}

// A random element of a text[] parameter, earlier elements more often (power 2 skew).
const pick = (param: string) => `(${param})[1 + floor(power(random(), 2) * array_length(${param}, 1))::int]`;

const CALLS_SQL = `
INSERT INTO "Call" ("id", "tenantId", "agentId", "provider", "providerCallId", "fromNumber", "toNumber", "direction", "status",
  "startedAt", "answeredAt", "endedAt", "durationSec", "endedReason", "summary", "outcome", "costCents", "createdAt", "updatedAt")
SELECT id, tenant, agent, 'LOCAL', 'BENCH' || g, '+1555' || lpad(floor(random() * 9999999)::int::text, 7, '0'), '+1555010' || lpad((g % $3)::text, 4, '0'),
  (CASE WHEN rd < 0.8 THEN 'INBOUND' WHEN rd < 0.95 THEN 'OUTBOUND' ELSE 'WEB' END)::"CallDirection", status::"CallStatus",
  started, CASE WHEN dur > 0 THEN started + interval '2 seconds' END, started + make_interval(secs => dur), dur,
  (CASE status WHEN 'COMPLETED' THEN (ARRAY['CALLER_HANGUP', 'AGENT_HANGUP', 'TRANSFERRED'])[1 + floor(random() * 3)::int] WHEN 'FAILED' THEN 'ERROR' END)::"CallEndedReason",
  CASE WHEN status = 'COMPLETED' THEN 'Caller asked about ' || ${pick("$6::text[]")} || '.' END,
  (CASE WHEN status = 'COMPLETED' THEN ${pick("ARRAY['RESOLVED', 'MESSAGE_TAKEN', 'BOOKED', 'TRANSFERRED', 'UNRESOLVED']")}
        WHEN status <> 'IN_PROGRESS' THEN 'ABANDONED' END)::"CallOutcome",
  floor(coalesce(dur, 0) * (8 + random() * 8) / 60)::int, started, started
FROM (
  SELECT g, id, tenant, agent, rd, status,
    CASE WHEN status = 'IN_PROGRESS' THEN now() - random() * interval '10 minutes' ELSE now() - random() * interval '365 days' END AS started,
    CASE status WHEN 'IN_PROGRESS' THEN NULL WHEN 'COMPLETED' THEN 15 + floor(power(random(), 2) * 885)::int
      WHEN 'FAILED' THEN floor(random() * 5)::int ELSE 0 END AS dur
  FROM (
    SELECT g, id, tenant, agent, rd,
      CASE WHEN rs < 0.001 THEN 'IN_PROGRESS' WHEN rs < 0.05 THEN 'NO_ANSWER' WHEN rs < 0.08 THEN 'FAILED' WHEN rs < 0.1 THEN 'BUSY' ELSE 'COMPLETED' END AS status
    FROM (
      -- Volatile columns keep each level a subquery of its own: one draw per row, read many times.
      SELECT g, 'bc' || lpad(g::text, 8, '0') AS id, ($4::text[])[1 + g % $3] AS tenant,
        ($5::text[])[(g % $3) * ${AGENTS_PER_TENANT} + 1 + floor(random() * ${AGENTS_PER_TENANT})::int] AS agent, random() AS rd, random() AS rs
      FROM generate_series($1::int, $2::int) g
    ) a
  ) b
) c`;

const TURNS_SQL = `
INSERT INTO "CallTurn" ("id", "tenantId", "callId", "index", "role", "text", "startMs", "endMs", "createdAt")
SELECT c."id" || '_' || i, c."tenantId", c."id", i, (CASE WHEN i % 2 = 0 THEN 'AGENT' ELSE 'CALLER' END)::"TurnRole",
  CASE WHEN i = 0 THEN 'Thanks for calling, this is the front desk. How can I help you today?'
    WHEN i % 2 = 0 THEN ${pick("$3::text[]")} || CASE WHEN random() < 0.5 THEN ' ' || ${pick("$3::text[]")} ELSE '' END
    ELSE CASE floor(random() * 4)::int
      WHEN 0 THEN ${pick("$4::text[]")} || ' ' || ${pick("$5::text[]")} || ', ' || ${pick("$6::text[]")} || '.'
      WHEN 1 THEN 'My name is ' || ${pick("$7::text[]")} || ' ' || ${pick("$8::text[]")} || ', ' || ${pick("$6::text[]")} || '.'
      WHEN 2 THEN 'The order number is ' || (100000 + floor(random() * 900000))::int || ' and I live at ' || (1 + floor(random() * 999))::int || ' ' || ${pick("$9::text[]")} || '.'
      ELSE ${pick("$4::text[]")} || ' ' || ${pick("$5::text[]")} || '.' END
  END,
  i * 6000, i * 6000 + 4500, c."startedAt" + i * interval '6 seconds'
FROM "Call" c CROSS JOIN LATERAL generate_series(0, 3 + (hashtext(c."id") & 1023) % 5) i
WHERE c."id" >= $1 AND c."id" < $2 AND c."status" NOT IN ('NO_ANSWER', 'BUSY')`;

/** Inserts calls 1..n and their turns; logs progress. Returns the number of turns. */
export async function seedCalls(url: string, n: number, tenantIds: string[], agentIds: string[], log: (line: string) => void): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("SET session_replication_role = replica");
    await client.query("SET maintenance_work_mem = '1GB'");
    // The full-text indexes the migrations made (which ones depends on btree_gin), rebuilt after the load.
    const { rows: gin } = await client.query<{ name: string; def: string }>(
      `SELECT indexname AS name, indexdef AS def FROM pg_indexes WHERE tablename = 'CallTurn' AND indexdef LIKE '%USING gin%'`,
    );
    for (const i of gin) await client.query(`DROP INDEX "${i.name}"`);
    let turns = 0;
    for (let lo = 1; lo <= n; lo += CHUNK) {
      const hi = Math.min(n, lo + CHUNK - 1);
      const t0 = performance.now();
      await client.query(CALLS_SQL, [lo, hi, tenantIds.length, tenantIds, agentIds, TOPICS]);
      const t1 = performance.now();
      const r = await client.query(TURNS_SQL, [benchCallId(lo), benchCallId(hi + 1), AGENT_LINES, CALLER_OPENERS, TOPICS, DETAILS, FIRST_NAMES, LAST_NAMES, STREETS]);
      turns += r.rowCount ?? 0;
      log(`  calls ${hi.toLocaleString("en-US")} / ${n.toLocaleString("en-US")}: ${((t1 - t0) / 1000).toFixed(1)} s calls, ${((performance.now() - t1) / 1000).toFixed(1)} s ${r.rowCount} turns`);
    }
    let t = performance.now();
    for (const i of gin) await client.query(i.def);
    log(`  GIN ${gin.map((i) => i.name).join(", ")}: ${((performance.now() - t) / 1000).toFixed(1)} s`);
    t = performance.now();
    await client.query(`VACUUM ANALYZE "Call"`);
    await client.query(`VACUUM ANALYZE "CallTurn"`);
    log(`  VACUUM ANALYZE: ${((performance.now() - t) / 1000).toFixed(1)} s`);
    return turns;
  } finally {
    await client.end();
  }
}
