// Who is on the other end of a request, as the app's own HTTP server (server/app/main.ts) sees it.
// Route handlers only get headers (no socket), so the server writes the answer into CLIENT_IP_HEADER
// on every request, after deleting whatever the client sent under that name, and lib/auth/client-ip.ts
// reads it from there.
//
// The chain is X-Forwarded-For's entries followed by the socket's address: each proxy appends the peer
// it saw, so with TRUSTED_PROXY_HOPS = N the client is the Nth entry from the right (0: the socket
// itself), and everything further left is whatever the client chose to send.
import type { IncomingHttpHeaders, IncomingMessage } from "node:http";
import { CLIENT_IP_HEADER, normalizeIp } from "../auth/client-ip";

export { CLIENT_IP_HEADER };

/** What the header says when the address cannot be trusted (fewer entries than proxies, not an IP). */
export const UNKNOWN_PEER = "unknown";

/**
 * The client's address from the socket's peer address and the request's X-Forwarded-For, trusting
 * `trustedHops` proxies in front of us. Null when it cannot be told: no socket address, fewer
 * forwarded entries than proxies, or an entry that is not an IP address.
 */
export function peerAddress(socketAddress: string | undefined, forwardedFor: string | string[] | undefined, trustedHops: number): string | null {
  if (!socketAddress) return null;
  // Several X-Forwarded-For lines are one list (RFC 9110 §5.3).
  const forwarded = (forwardedFor === undefined ? [] : ([] as string[]).concat(forwardedFor))
    .flatMap((v) => v.split(","))
    .map((v) => v.trim())
    .filter(Boolean);
  const chain = [...forwarded, socketAddress];
  const entry = chain[chain.length - 1 - Math.max(0, trustedHops)];
  return entry === undefined ? null : normalizeIp(entry);
}

/**
 * Replaces CLIENT_IP_HEADER on a request the server has just received (and on upgrade requests).
 * Node joins repeated unknown headers into one string, so deleting the key removes every copy.
 */
export function stampClientIp(req: Pick<IncomingMessage, "headers" | "socket">, trustedHops: number): string {
  const headers: IncomingHttpHeaders = req.headers;
  delete headers[CLIENT_IP_HEADER];
  const ip = peerAddress(req.socket?.remoteAddress, headers["x-forwarded-for"], trustedHops) ?? UNKNOWN_PEER;
  headers[CLIENT_IP_HEADER] = ip;
  return ip;
}
