// The unscoped client, for what is not one tenant's data: users and sessions, sign-in throttles, the
// job queue, health checks, session resolution (which finds the tenant in the first place) and
// super-admin views across workspaces. Asking for it names the reason, so every unscoped path is
// one `grep -rn "platformDb("` away. Tenant data goes through scopedDb(scope) instead.
import { getDb, type Db } from "../db/client";

export type PlatformReason =
  | "session" // resolving a session or API key to its tenant
  | "auth" // sign-up, sign-in, throttles
  | "health"
  | "queue"
  | "super-admin" // platform administration across workspaces
  | "process" // a server process's shared client, handed to code that scopes it per tenant
  | "telephony"; // a called number or CallSid → its tenant (numbers and CallSids are unique platform-wide)

export function platformDb(reason: PlatformReason): Db {
  void reason; // the argument is documentation at the call site
  return getDb();
}
