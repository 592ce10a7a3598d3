// Which web addresses the server may fetch for a web-page import (SSRF protection). A URL is checked
// by what its name RESOLVES to, not by how it is spelled: every address of the name must be public
// unicast, so a name pointing at 127.0.0.1, 10.x, 169.254.169.254 (cloud metadata), ::1, fc00::/7 or an
// IPv4-mapped private address is refused, and a name with one public and one private address is
// refused too (the connection could pick either). The fetcher then connects to exactly the addresses
// checked here (web-fetch.ts pins them), so a DNS answer that changes in between changes nothing.
// Used by the app (the import route) and the worker (web-fetch.ts): no next/*, no server-only.
import { lookup as dnsLookup } from "node:dns/promises";
import ipaddr from "ipaddr.js";
import { getEnv } from "../env";

export type ResolvedAddress = { address: string; family: 4 | 6 };
/** Every address of a host name (tests inject their own; the default asks the system resolver). */
export type LookupAll = (hostname: string) => Promise<ResolvedAddress[]>;

export interface UrlSafetyOptions {
  lookup?: LookupAll;
  /** Development only (KNOWLEDGE_ALLOW_PRIVATE_URLS): private, loopback and link-local addresses pass. */
  allowPrivate?: boolean;
  /** Tests only: addresses to treat as public (a local server standing in for a public site). */
  treatAsPublic?: (address: string) => boolean;
}

/**
 * Why a URL is not fetched. `unsafe`: the server must not fetch it (a private address, another scheme,
 * credentials in it); `invalid` / `unresolvable`: it names no page (not a URL, an unknown host).
 */
export class UrlRefusedError extends Error {
  constructor(
    readonly kind: "invalid" | "unsafe" | "unresolvable",
    message: string,
  ) {
    super(message);
    this.name = "UrlRefusedError";
  }
}

// Names that are internal whatever they resolve to (metadata services answer on link-local addresses,
// which the address rule refuses anyway; the name is refused first so the message says what it is).
const BLOCKED_NAMES = /^(?:localhost|metadata|metadata\.google\.internal|metadata\.goog)$|\.localhost$/;
const LOOKUP_TIMEOUT_MS = 5_000;

/** A URL the importer may try: http(s), a host, no user name or password in it. */
export function parseWebUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new UrlRefusedError("invalid", "That is not a web address; give a full URL such as https://example.com/page");
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new UrlRefusedError("unsafe", `Only http and https pages can be imported, not ${url.protocol.replace(/:$/, "")}`);
  }
  if (url.username || url.password) throw new UrlRefusedError("unsafe", "The address must not contain a user name or password");
  if (!url.hostname) throw new UrlRefusedError("invalid", "The address has no host name");
  return url;
}

/** Why an address must not be fetched, or null when it is public unicast. */
export function addressProblem(address: string): string | null {
  if (!ipaddr.isValid(address)) return `${address} is not an IP address`;
  let ip = ipaddr.parse(address);
  // ::ffff:10.0.0.1 reaches 10.0.0.1: judge the IPv4 address it carries.
  if (ip.kind() === "ipv6" && (ip as ipaddr.IPv6).isIPv4MappedAddress()) ip = (ip as ipaddr.IPv6).toIPv4Address();
  const range = ip.range();
  if (range === "unicast") return null;
  // 6to4, Teredo and NAT64 prefixes embed IPv4 addresses that could be private: refused with the rest.
  const what: Record<string, string> = {
    loopback: "a loopback address",
    private: "a private network address",
    linkLocal: ip.toString() === "169.254.169.254" ? "the cloud metadata address" : "a link-local address",
    uniqueLocal: "a private network address",
    carrierGradeNat: "a shared (carrier-grade NAT) address",
    unspecified: "an unspecified address",
    multicast: "a multicast address",
    broadcast: "a broadcast address",
  };
  return `${ip.toString()} is ${what[range] ?? `a reserved address (${range})`}`;
}

function bareHost(url: URL): string {
  // new URL() keeps IPv6 literals in brackets and has already normalised 2130706433 / 0x7f.1 / 0177.0.0.1
  // to dotted IPv4, so a literal is recognised however it was written.
  return url.hostname.replace(/^\[(.*)\]$/, "$1").replace(/\.$/, "").toLowerCase();
}

const systemLookup: LookupAll = async (hostname) => {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error("lookup timed out")), LOOKUP_TIMEOUT_MS);
  });
  try {
    const found = await Promise.race([dnsLookup(hostname, { all: true, verbatim: true }), timeout]);
    return found.map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }));
  } finally {
    clearTimeout(timer);
  }
};

/** The addresses to connect to for `url`, every one of them checked; throws UrlRefusedError otherwise. */
export async function resolveSafeAddresses(url: URL, opts: UrlSafetyOptions = {}): Promise<ResolvedAddress[]> {
  const allowPrivate = opts.allowPrivate ?? getEnv().KNOWLEDGE_ALLOW_PRIVATE_URLS;
  const host = bareHost(url);
  if (!allowPrivate && BLOCKED_NAMES.test(host)) throw new UrlRefusedError("unsafe", `${host} is an internal name; only public web pages can be imported`);

  let addresses: ResolvedAddress[];
  if (ipaddr.isValid(host)) {
    addresses = [{ address: host, family: ipaddr.parse(host).kind() === "ipv6" ? 6 : 4 }];
  } else {
    try {
      addresses = await (opts.lookup ?? systemLookup)(host);
    } catch {
      addresses = [];
    }
    if (addresses.length === 0) throw new UrlRefusedError("unresolvable", `The name ${host} could not be found; check the address`);
  }
  if (allowPrivate) return addresses;
  for (const { address } of addresses) {
    if (opts.treatAsPublic?.(address)) continue;
    const problem = addressProblem(address);
    if (problem) {
      const via = address === host ? "" : `${host} points to `;
      throw new UrlRefusedError("unsafe", `${via}${problem}; only public web pages can be imported`);
    }
  }
  return addresses;
}

/** parseWebUrl + resolveSafeAddresses: what the import route checks before it creates the document. */
export async function checkWebUrl(raw: string, opts: UrlSafetyOptions = {}): Promise<{ url: URL; addresses: ResolvedAddress[] }> {
  const url = parseWebUrl(raw);
  return { url, addresses: await resolveSafeAddresses(url, opts) };
}
