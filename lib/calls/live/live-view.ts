// What the voice server's /live socket asks the database: is this call one of the tenant's? Scoped to
// the tenant named by the browser's token, so another tenant's id reads exactly like a missing one.
import type { Db } from "../../db/client";
import { systemDb } from "../../tenant/system-scope";

export async function isCallOfTenant(db: Db, tenantId: string, callId: string): Promise<boolean> {
  const { db: scoped } = systemDb(tenantId, "live-view", db);
  return (await scoped.call.findUnique({ where: { id: callId }, select: { id: true } })) !== null;
}
