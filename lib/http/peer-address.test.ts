import type { IncomingHttpHeaders } from "node:http";
import type { Socket } from "node:net";
import { describe, expect, it } from "vitest";
import { clientIp, ipLimitKey } from "../auth/client-ip";
import { parseEnv } from "../env";
import { CLIENT_IP_HEADER, peerAddress, stampClientIp, UNKNOWN_CLIENT_IP } from "./peer-address";

describe("peerAddress", () => {
  it("with no trusted proxy is the socket's address, whatever X-Forwarded-For says", () => {
    expect(peerAddress("203.0.113.7", undefined, 0)).toBe("203.0.113.7");
    expect(peerAddress("::ffff:203.0.113.7", "198.51.100.1, 198.51.100.2", 0)).toBe("203.0.113.7");
    expect(peerAddress("2001:db8::1", ["6.6.6.6"], 0)).toBe("2001:db8::1");
  });

  it("behind N proxies is the Nth entry from the right of X-Forwarded-For + socket", () => {
    // proxy 10.0.0.5 connected to us and appended the client it saw
    expect(peerAddress("10.0.0.5", "6.6.6.6, 203.0.113.7", 1)).toBe("203.0.113.7");
    expect(peerAddress("10.0.0.5", ["6.6.6.6", "203.0.113.7, 10.0.0.4"], 2)).toBe("203.0.113.7");
    const rotating = new Set(Array.from({ length: 12 }, (_, i) => peerAddress("10.0.0.5", `198.51.100.${i}, 203.0.113.7`, 1)));
    expect([...rotating]).toEqual(["203.0.113.7"]);
  });

  it("is null when it cannot be told: no socket, fewer entries than proxies, not an address", () => {
    expect(peerAddress(undefined, "203.0.113.7", 0)).toBeNull();
    expect(peerAddress("10.0.0.5", undefined, 1)).toBeNull();
    expect(peerAddress("10.0.0.5", "203.0.113.7", 2)).toBeNull();
    expect(peerAddress("10.0.0.5", "1.1.1.1, unknown", 1)).toBeNull();
  });
});

describe("stampClientIp", () => {
  // The two fields stampClientIp reads, as node's IncomingMessage has them.
  const request = (headers: IncomingHttpHeaders, remoteAddress?: string) => ({ headers: { ...headers }, socket: { remoteAddress } as Socket });

  it("replaces a client's own x-frontdesk-client-ip with the socket's address", () => {
    const req = request({ [CLIENT_IP_HEADER]: "198.51.100.9", "x-forwarded-for": "198.51.100.10" }, "::ffff:203.0.113.7");
    expect(stampClientIp(req, 0)).toBe("203.0.113.7");
    expect(req.headers[CLIENT_IP_HEADER]).toBe("203.0.113.7");
  });

  it("writes UNKNOWN_CLIENT_IP when the address cannot be told, so no forged value survives", () => {
    const req = request({ [CLIENT_IP_HEADER]: "198.51.100.9" }, "10.0.0.5");
    expect(stampClientIp(req, 1)).toBe(UNKNOWN_CLIENT_IP);
    expect(req.headers[CLIENT_IP_HEADER]).toBe(UNKNOWN_CLIENT_IP);
  });
});

describe("clientIp with the app server's header", () => {
  const h = (extra: Record<string, string>) => new Headers(extra);

  it("reads x-frontdesk-client-ip in the app server's process, before X-Forwarded-For", () => {
    expect(clientIp(h({ [CLIENT_IP_HEADER]: "203.0.113.7", "x-forwarded-for": "6.6.6.6" }), 0, true)).toBe("203.0.113.7");
    expect(clientIp(h({ [CLIENT_IP_HEADER]: "203.0.113.7", "x-forwarded-for": "6.6.6.6, 1.2.3.4" }), 1, true)).toBe("203.0.113.7");
    expect(clientIp({ [CLIENT_IP_HEADER]: "2001:db8::1" }, 0, true)).toBe("2001:db8::1");
  });

  it("takes an unknown or unreadable stamp as unknown (never falls back to the client's X-Forwarded-For)", () => {
    expect(clientIp(h({ [CLIENT_IP_HEADER]: UNKNOWN_CLIENT_IP, "x-forwarded-for": "6.6.6.6" }), 1, true)).toBe(UNKNOWN_CLIENT_IP);
  });

  it("ignores the header outside the app server (plain `next start`: the client could have written it)", () => {
    expect(clientIp(h({ [CLIENT_IP_HEADER]: "203.0.113.7" }), 0, false)).toBe(UNKNOWN_CLIENT_IP);
    expect(clientIp(h({ [CLIENT_IP_HEADER]: "203.0.113.7" }), 0)).toBe(UNKNOWN_CLIENT_IP); // FRONTDESK_APP_SERVER unset
  });

  it("without the header falls back to X-Forwarded-For per TRUSTED_PROXY_HOPS (handlers called directly)", () => {
    expect(clientIp(h({ "x-forwarded-for": "6.6.6.6, 203.0.113.7" }), 1, true)).toBe("203.0.113.7");
    expect(clientIp(h({}), 0, true)).toBe(UNKNOWN_CLIENT_IP);
  });
});

describe("RATE_LIMIT_EXEMPT_IPS", () => {
  it("leaves the listed addresses out of the per-IP limits, and only those", () => {
    const exempt = parseEnv({ RATE_LIMIT_EXEMPT_IPS: "127.0.0.1, ::1" }).RATE_LIMIT_EXEMPT_IPS;
    expect(ipLimitKey("127.0.0.1", exempt)).toBeNull();
    expect(ipLimitKey("::1", exempt)).toBeNull();
    expect(ipLimitKey("127.0.0.2", exempt)).toBe("127.0.0.2");
    expect(ipLimitKey("127.0.0.1", [])).toBe("127.0.0.1");
    expect(() => parseEnv({ RATE_LIMIT_EXEMPT_IPS: "127.0.0.1, localhost" })).toThrow(/RATE_LIMIT_EXEMPT_IPS/);
  });
});
