// The live call record's inserts as plain SQL. Prisma's query compiler costs ~1 ms of the voice
// server's event loop per create and ~1.3 ms per row of a createMany (measured here: a
// scopedDb().callEvent.create loop, 500 runs), which at 200 calls was the largest item of the server's
// CPU after the audio itself. A raw statement of a fixed shape costs a fraction of that; many rows,
// of many calls, go in one statement through unnest() of parallel arrays, so the shape does not
// depend on their number (call-record-writer.ts gathers them).
//
// Raw SQL does not pass through scopedDb's filter, so every row is written with the tenant of its own
// call's scope; the composite foreign key (callId, tenantId) → Call(id, tenantId) refuses a call of
// another tenant, and then the whole statement writes nothing.
// Timestamps are written as UTC instants into the timestamp(3) columns, as Prisma writes them.
import { Prisma } from "../../db/generated/client";
import { newRowId } from "../../db/row-id";
import type { TurnRecord } from "../../conversation/types";
import type { TenantScope } from "../../tenant/scope";
import type { ScopedDb } from "../../tenant/scoped-db";

export type RawExecutor = Pick<ScopedDb, "$executeRaw">;

/** One row of one call's record, addressed to that call and the tenant its scope names. */
export interface CallRow<T> {
  scope: Pick<TenantScope, "tenantId">;
  callId: string;
  row: T;
}

export interface EventRow {
  type: string;
  payload: unknown;
  at: Date;
}

export interface UsageRow {
  kind: string;
  model: string | null;
  quantity: number;
  costMicros: number;
  periodStart: Date;
  occurredAt: Date;
}

const json = (v: unknown) => (v === undefined || v === null ? null : JSON.stringify(v));
const int = (v: number | undefined) => (v === undefined || !Number.isFinite(v) ? null : Math.max(0, Math.round(v)));
/** An instant as the timestamp(3) value Prisma stores for it (UTC wall time). */
const utc = (column: Prisma.Sql) => Prisma.sql`(${column}::timestamptz AT TIME ZONE 'UTC')`;
const col = <T, V>(rows: readonly CallRow<T>[], f: (r: T) => V) => rows.map((r) => f(r.row));
const ids = (rows: readonly CallRow<unknown>[]) => rows.map(() => newRowId());
const tenants = (rows: readonly CallRow<unknown>[]) => rows.map((r) => r.scope.tenantId);
const calls = (rows: readonly CallRow<unknown>[]) => rows.map((r) => r.callId);

export async function insertTurns(db: RawExecutor, rows: readonly CallRow<TurnRecord>[]): Promise<void> {
  if (rows.length === 0) return;
  const l = (f: (l: NonNullable<TurnRecord["latency"]>) => number | undefined) => col(rows, (t) => int(t.latency ? f(t.latency) : undefined));
  await db.$executeRaw`
    INSERT INTO "CallTurn" ("id", "tenantId", "callId", "index", "role", "text", "heardText", "interrupted", "startMs", "endMs",
      "toolName", "toolArgs", "toolResult", "understood", "endpointLatencyMs", "sttLatencyMs", "llmLatencyMs", "ttsLatencyMs", "totalLatencyMs")
    SELECT r.id, r.tenant, r.call, r.index, r.role::"TurnRole", r.text, r.heard, r.interrupted, r.start, r.end, r.tool, r.args::jsonb, r.result::jsonb,
      r.understood, r.endpoint, r.stt, r.llm, r.tts, r.total
    FROM unnest(${ids(rows)}::text[], ${tenants(rows)}::text[], ${calls(rows)}::text[], ${col(rows, (t) => t.index)}::int[],
      ${col(rows, (t) => t.role)}::text[], ${col(rows, (t) => t.text)}::text[], ${col(rows, (t) => t.heardText ?? null)}::text[],
      ${col(rows, (t) => t.interrupted ?? false)}::boolean[], ${col(rows, (t) => Math.round(t.startMs))}::int[], ${col(rows, (t) => Math.round(t.endMs))}::int[],
      ${col(rows, (t) => t.toolName ?? null)}::text[], ${col(rows, (t) => json(t.toolArgs))}::text[], ${col(rows, (t) => json(t.toolResult))}::text[],
      ${col(rows, (t) => t.understood ?? null)}::boolean[], ${l((x) => x.endpointMs)}::int[], ${l((x) => x.sttMs)}::int[], ${l((x) => x.llmMs)}::int[],
      ${l((x) => x.ttsMs)}::int[], ${l((x) => x.totalMs)}::int[])
      AS r(id, tenant, call, index, role, text, heard, interrupted, start, "end", tool, args, result, understood, endpoint, stt, llm, tts, total)`;
}

export async function insertEvents(db: RawExecutor, rows: readonly CallRow<EventRow>[]): Promise<void> {
  if (rows.length === 0) return;
  await db.$executeRaw`
    INSERT INTO "CallEvent" ("id", "tenantId", "callId", "type", "payload", "at")
    SELECT r.id, r.tenant, r.call, r.type, r.payload::jsonb, ${utc(Prisma.sql`r.at`)}
    FROM unnest(${ids(rows)}::text[], ${tenants(rows)}::text[], ${calls(rows)}::text[], ${col(rows, (e) => e.type)}::text[],
      ${col(rows, (e) => json(e.payload))}::text[], ${col(rows, (e) => e.at.toISOString())}::text[]) AS r(id, tenant, call, type, payload, at)`;
}

export async function insertUsage(db: RawExecutor, rows: readonly CallRow<UsageRow>[]): Promise<void> {
  if (rows.length === 0) return;
  await db.$executeRaw`
    INSERT INTO "UsageRecord" ("id", "tenantId", "callId", "kind", "model", "quantity", "costMicros", "periodStart", "occurredAt")
    SELECT r.id, r.tenant, r.call, r.kind::"UsageKind", r.model, r.quantity, r.cost, ${utc(Prisma.sql`r.period`)}, ${utc(Prisma.sql`r.at`)}
    FROM unnest(${ids(rows)}::text[], ${tenants(rows)}::text[], ${calls(rows)}::text[], ${col(rows, (u) => u.kind)}::text[],
      ${col(rows, (u) => u.model)}::text[], ${col(rows, (u) => u.quantity)}::float8[], ${col(rows, (u) => u.costMicros)}::int[],
      ${col(rows, (u) => u.periodStart.toISOString())}::text[], ${col(rows, (u) => u.occurredAt.toISOString())}::text[])
      AS r(id, tenant, call, kind, model, quantity, cost, period, at)`;
}
