// The live call record's inserts as plain SQL. Prisma's query compiler costs ~1 ms of the voice
// server's event loop per create and ~1.3 ms per row of a createMany (measured here: a
// scopedDb().callEvent.create loop, 500 runs), which at 200 calls was the largest item of the server's
// CPU after the audio itself. A raw statement of a fixed shape costs a fraction of that; several rows
// go in one statement through unnest() of parallel arrays, so the shape does not depend on their
// number.
//
// Raw SQL does not pass through scopedDb's filter, so every row is written with its tenant; the
// composite foreign key (callId, tenantId) → Call(id, tenantId) refuses a call of another tenant.
// Timestamps are written as UTC instants into the timestamp(3) columns, as Prisma writes them.
import { Prisma } from "../../db/generated/client";
import { newRowId } from "../../db/row-id";
import type { TurnRecord } from "../../conversation/types";
import type { TenantScope } from "../../tenant/scope";
import type { ScopedDb } from "../../tenant/scoped-db";

type Raw = Pick<ScopedDb, "$executeRaw">;
type Tenant = Pick<TenantScope, "tenantId">;

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

export async function insertTurn(db: Raw, scope: Tenant, callId: string, t: TurnRecord): Promise<void> {
  const l = t.latency;
  await db.$executeRaw`
    INSERT INTO "CallTurn" ("id", "tenantId", "callId", "index", "role", "text", "heardText", "interrupted", "startMs", "endMs",
      "toolName", "toolArgs", "toolResult", "understood", "endpointLatencyMs", "sttLatencyMs", "llmLatencyMs", "ttsLatencyMs", "totalLatencyMs")
    VALUES (${newRowId()}, ${scope.tenantId}, ${callId}, ${t.index}, ${t.role}::"TurnRole", ${t.text}, ${t.heardText ?? null}, ${t.interrupted ?? false},
      ${Math.round(t.startMs)}, ${Math.round(t.endMs)}, ${t.toolName ?? null}, ${json(t.toolArgs)}::jsonb, ${json(t.toolResult)}::jsonb,
      ${t.understood ?? null}, ${int(l?.endpointMs)}, ${int(l?.sttMs)}, ${int(l?.llmMs)}, ${int(l?.ttsMs)}, ${int(l?.totalMs)})`;
}

export async function insertEvents(db: Raw, scope: Tenant, callId: string, rows: readonly EventRow[]): Promise<void> {
  if (rows.length === 0) return;
  await db.$executeRaw`
    INSERT INTO "CallEvent" ("id", "tenantId", "callId", "type", "payload", "at")
    SELECT r.id, ${scope.tenantId}, ${callId}, r.type, r.payload::jsonb, ${utc(Prisma.sql`r.at`)}
    FROM unnest(${rows.map(() => newRowId())}::text[], ${rows.map((r) => r.type)}::text[], ${rows.map((r) => json(r.payload))}::text[],
      ${rows.map((r) => r.at.toISOString())}::text[]) AS r(id, type, payload, at)`;
}

export async function insertUsage(db: Raw, scope: Tenant, callId: string, rows: readonly UsageRow[]): Promise<void> {
  if (rows.length === 0) return;
  await db.$executeRaw`
    INSERT INTO "UsageRecord" ("id", "tenantId", "callId", "kind", "model", "quantity", "costMicros", "periodStart", "occurredAt")
    SELECT r.id, ${scope.tenantId}, ${callId}, r.kind::"UsageKind", r.model, r.quantity, r.cost, ${utc(Prisma.sql`r.period`)}, ${utc(Prisma.sql`r.at`)}
    FROM unnest(${rows.map(() => newRowId())}::text[], ${rows.map((r) => r.kind)}::text[], ${rows.map((r) => r.model)}::text[],
      ${rows.map((r) => r.quantity)}::float8[], ${rows.map((r) => r.costMicros)}::int[], ${rows.map((r) => r.periodStart.toISOString())}::text[],
      ${rows.map((r) => r.occurredAt.toISOString())}::text[]) AS r(id, kind, model, quantity, cost, period, at)`;
}
