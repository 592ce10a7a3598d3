// An admin ends a live call from the dashboard. The app cannot reach the session (it lives in the
// voice server holding the call), so the request travels two ways: a control event on the call's
// bus channel (fast, best effort) and a mark in Call.metadata that the voice server's heartbeat reads
// (slow, durable: a lost bus message still ends the call within one beat). The session acts once.
// No "server-only" marker: the voice server (plain Node) imports the heartbeat half.
import { AppError, notFound } from "../../errors";
import type { Prisma } from "../../db/generated/client";
import type { Db } from "../../db/client";
import { callChannel, type EventBus } from "../../providers/events/types";
import type { TenantScope } from "../../tenant/scope";
import { scopedDb } from "../../tenant/scoped-db";

export const END_REQUEST_EVENT = "call.end_requested";
const asObject = (v: unknown): Record<string, unknown> => (v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {});

/** Records the request and tells the voice server. 404 for another tenant's call, CALL_NOT_LIVE unless in progress. */
export async function requestCallEnd(scope: TenantScope, callId: string, bus: Pick<EventBus, "publish"> | null): Promise<void> {
  const db = scopedDb(scope);
  const call = await db.call.findUnique({ where: { id: callId }, select: { id: true, status: true, metadata: true } });
  if (!call) throw notFound("Call");
  if (call.status !== "IN_PROGRESS") throw new AppError("CALL_NOT_LIVE", "This call is not in progress");
  const at = new Date().toISOString();
  const endRequest = { at, by: scope.actor.userId ?? null };
  // Guarded on the status, so a call that ended in between is not reported as ended by the admin.
  const { count } = await db.call.updateMany({
    where: { id: call.id, status: "IN_PROGRESS" },
    data: { metadata: { ...asObject(call.metadata), endRequest } as Prisma.InputJsonValue },
  });
  if (count === 0) throw new AppError("CALL_NOT_LIVE", "This call is not in progress");
  const tenant = scope.tenantId; // the event's address (the voice server checks it), not a query filter
  bus?.publish(callChannel(call.id), { type: END_REQUEST_EVENT, callId: call.id, tenantId: tenant, at, payload: { by: "admin" } });
}

/** Voice server: which of the calls it holds an admin asked to end (one query per heartbeat). */
export async function callsWithEndRequest(db: Db, callIds: readonly string[]): Promise<string[]> {
  if (callIds.length === 0) return [];
  const rows = await db.call.findMany({ where: { id: { in: [...callIds] }, status: "IN_PROGRESS" }, select: { id: true, metadata: true } });
  return rows.filter((r) => asObject(r.metadata).endRequest !== undefined).map((r) => r.id);
}
