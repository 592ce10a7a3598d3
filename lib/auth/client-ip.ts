// The caller's address for throttling and rate limits. Route handlers (and next-auth's authorize) get
// headers only, no socket, so the app's own HTTP server (server/app/main.ts) works the address out from
// the socket and X-Forwarded-For (lib/http/peer-address.ts) and writes it into CLIENT_IP_HEADER on
// every request, deleting any value the client sent. That header is read only in a process that server
// runs (it sets FRONTDESK_APP_SERVER=1 in its own environment): under plain `next start`/`next dev` a
// client could write it, and `next start` fills X-Forwarded-For from the socket only when the client
// sent none (`??=` in next/dist/server/base-server.js).
//
// Without the header (tests calling handlers directly, or `next start`): X-Forwarded-For behind
// TRUSTED_PROXY_HOPS = N proxies, whose Nth entry from the right is the client (everything left of it is
// whatever the client chose to send); with 0 hops nothing can be trusted and the address is
// UNKNOWN_CLIENT_IP: per-email throttling and the fleet-wide limits still apply, per-IP limits cannot.
// X-Real-IP is never read (a proxy passes a client's own value on unless configured otherwise).
import { isIP } from "node:net";
import { getEnv } from "../env";
import { CLIENT_IP_HEADER, forwardedEntry, normalizeIp, UNKNOWN_CLIENT_IP } from "../http/peer-address";

type HeaderBag = Headers | Record<string, string | string[] | undefined>;

function headerValues(headers: HeaderBag, name: string): string[] {
  if (headers instanceof Headers) {
    const v = headers.get(name);
    return v === null ? [] : [v];
  }
  const v = headers[name];
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}

/**
 * The client address (from our server's CLIENT_IP_HEADER, else as the configured proxies saw it), or
 * UNKNOWN_CLIENT_IP. `appServer`: whether this process runs behind server/app/main.ts.
 */
export function clientIp(
  headers: HeaderBag,
  trustedHops: number = getEnv().TRUSTED_PROXY_HOPS,
  appServer: boolean = getEnv().FRONTDESK_APP_SERVER,
): string {
  if (appServer) {
    const [stamped] = headerValues(headers, CLIENT_IP_HEADER);
    if (stamped !== undefined) return normalizeIp(stamped) ?? UNKNOWN_CLIENT_IP;
  }
  if (trustedHops <= 0) return UNKNOWN_CLIENT_IP;
  // Headers.get already joins repeated X-Forwarded-For lines.
  return forwardedEntry(headerValues(headers, "x-forwarded-for"), trustedHops) ?? UNKNOWN_CLIENT_IP;
}

/**
 * The key per-IP limits count under: the address itself for IPv4, its /64 for IPv6 (one subscriber
 * usually holds a whole /64, so single IPv6 addresses are free to rotate). Null, so not counted, for
 * UNKNOWN_CLIENT_IP and for the addresses in RATE_LIMIT_EXEMPT_IPS.
 */
export function ipLimitKey(ip: string, exempt: readonly string[] = getEnv().RATE_LIMIT_EXEMPT_IPS): string | null {
  if (ip === UNKNOWN_CLIENT_IP || !isIP(ip)) return null;
  if (exempt.some((e) => normalizeIp(e) === ip)) return null;
  if (isIP(ip) === 4) return ip;
  return `${expandIpv6(ip).slice(0, 4).join(":")}::/64`;
}

function expandIpv6(ip: string): string[] {
  const [head = "", tail = ""] = ip.split("::");
  const left = head ? head.split(":") : [];
  const right = ip.includes("::") ? (tail ? tail.split(":") : []) : [];
  const fill = Array(Math.max(0, 8 - left.length - right.length)).fill("0");
  return [...left, ...fill, ...right].map((g) => g.replace(/^0+(?=.)/, ""));
}
