// Who is on the other end of a request, as the app's own HTTP server (server/app/main.ts) sees it.
// Route handlers only get headers (no socket), so the server writes the answer into CLIENT_IP_HEADER
// on every request, after deleting whatever the client sent under that name, and lib/auth/client-ip.ts
// reads it from there.
//
// The chain is X-Forwarded-For's entries followed by the socket's address: each proxy appends the peer
// it saw, so with TRUSTED_PROXY_HOPS = N the client is the Nth entry from the right (0: the socket
// itself), and everything further left is whatever the client chose to send.
import type { IncomingHttpHeaders, IncomingMessage } from "node:http";
import { isIP } from "node:net";

/** Written by server/app/main.ts on every request; a client's value never survives. */
export const CLIENT_IP_HEADER = "x-frontdesk-client-ip";

/**
 * The address when none can be trusted (no proxy configured, fewer entries than proxies, not an IP):
 * what stampClientIp writes into CLIENT_IP_HEADER and what clientIp returns. Never stored as an address.
 */
export const UNKNOWN_CLIENT_IP = "direct";

/** "1.2.3.4:567", "[2001:db8::1]:443" and "::ffff:1.2.3.4" as the bare address; null if not an IP. */
export function normalizeIp(raw: string): string | null {
  let s = raw.trim().replace(/^"|"$/g, "");
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(s);
  if (bracketed) s = bracketed[1]!;
  else if (/^[\d.]+:\d+$/.test(s)) s = s.slice(0, s.lastIndexOf(":"));
  s = s.toLowerCase();
  if (s.startsWith("::ffff:") && isIP(s.slice(7)) === 4) s = s.slice(7);
  return isIP(s) ? s : null;
}

/**
 * The X-Forwarded-For entry `hops` (>= 1) from the right, normalized: the client as the last of
 * `hops` trusted proxies saw it. Null when there are fewer entries than proxies (the request skipped
 * one, or the count is misconfigured, so the entry we would pick may be the client's own) or when the
 * entry is not an IP address. Several X-Forwarded-For lines are one list (RFC 9110 §5.3).
 */
export function forwardedEntry(forwardedFor: string | readonly string[] | undefined, hops: number): string | null {
  const entries = (forwardedFor === undefined ? [] : ([] as string[]).concat(forwardedFor))
    .flatMap((v) => v.split(","))
    .map((v) => v.trim())
    .filter(Boolean);
  const entry = hops >= 1 ? entries[entries.length - hops] : undefined;
  return entry === undefined ? null : normalizeIp(entry);
}

/**
 * The client's address from the socket's peer address and the request's X-Forwarded-For, trusting
 * `trustedHops` proxies in front of us. Null when it cannot be told: no socket address, fewer
 * forwarded entries than proxies, or an entry that is not an IP address.
 */
export function peerAddress(socketAddress: string | undefined, forwardedFor: string | string[] | undefined, trustedHops: number): string | null {
  if (!socketAddress) return null;
  return trustedHops <= 0 ? normalizeIp(socketAddress) : forwardedEntry(forwardedFor, trustedHops);
}

/**
 * Replaces CLIENT_IP_HEADER on a request the server has just received (and on upgrade requests).
 * Node joins repeated unknown headers into one string, so deleting the key removes every copy.
 */
export function stampClientIp(req: Pick<IncomingMessage, "headers" | "socket">, trustedHops: number): string {
  const headers: IncomingHttpHeaders = req.headers;
  delete headers[CLIENT_IP_HEADER];
  const ip = peerAddress(req.socket?.remoteAddress, headers["x-forwarded-for"], trustedHops) ?? UNKNOWN_CLIENT_IP;
  headers[CLIENT_IP_HEADER] = ip;
  return ip;
}
