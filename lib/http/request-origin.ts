// Where a request came from (client address, user agent), for the audit trail. route() runs every
// handler inside withRequestOrigin, so an audit entry written anywhere below a route handler records
// its origin without every service threading the request through; outside a request (voice server,
// worker, tests calling services directly) there is none and the columns stay null.
import { AsyncLocalStorage } from "node:async_hooks";
import { clientIp } from "../auth/client-ip";
import { UNKNOWN_CLIENT_IP } from "./peer-address";

const current = new AsyncLocalStorage<Headers>();
const MAX_USER_AGENT = 500;

export type RequestOrigin = { ip: string | null; userAgent: string | null };

export function withRequestOrigin<T>(req: Request, fn: () => T): T {
  return current.run(req.headers, fn);
}

/** The current request's origin; read lazily, so requests that write no audit entry pay nothing. */
export function requestOrigin(): RequestOrigin {
  const headers = current.getStore();
  if (!headers) return { ip: null, userAgent: null };
  const ip = clientIp(headers);
  return { ip: ip === UNKNOWN_CLIENT_IP ? null : ip, userAgent: headers.get("user-agent")?.slice(0, MAX_USER_AGENT) || null };
}
