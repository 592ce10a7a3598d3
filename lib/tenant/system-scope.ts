// The scope of a process acting for a tenant on its own: the voice server answering a call to one of
// the tenant's numbers, a worker job processing one tenant's document. It names the tenant (taken from
// a row the process already trusts: the called number, the job's payload written by the app) and the
// reason, which audit entries record in place of a user.
import type { Db } from "../db/client";
import type { SystemReason, TenantScope } from "./scope";
import { scopedDb, type ScopedDb } from "./scoped-db";

export function systemScope(tenantId: string, opts: { reason: SystemReason }): TenantScope {
  if (!tenantId) throw new Error(`systemScope(${opts.reason}) needs the tenant it acts for`);
  // ADMIN: the system acts with the workspace's full rights; what it may do is decided by its code.
  return { tenantId, role: "ADMIN", actor: { system: opts.reason } };
}

/** The scope and the scoped client in one step: `const { scope, db } = systemDb(tenantId, "worker:ingest")`. */
export function systemDb(tenantId: string, reason: SystemReason, db?: Db): { scope: TenantScope; db: ScopedDb } {
  const scope = systemScope(tenantId, { reason });
  return { scope, db: scopedDb(scope, db) };
}
