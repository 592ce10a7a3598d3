import { describe, expect, it } from "vitest";
import { normalizeIp, UNKNOWN_CLIENT_IP } from "../http/peer-address";
import { clientIp, ipLimitKey } from "./client-ip";

const h = (xff?: string, extra: Record<string, string> = {}) => new Headers({ ...(xff === undefined ? {} : { "x-forwarded-for": xff }), ...extra });

describe("clientIp", () => {
  it("with no trusted proxy ignores X-Forwarded-For and X-Real-IP, which the client writes", () => {
    expect(clientIp(h("203.0.113.9", { "x-real-ip": "203.0.113.10" }), 0)).toBe(UNKNOWN_CLIENT_IP);
    // The bypass: a rotating header used to be a fresh address per guess.
    const seen = new Set(Array.from({ length: 12 }, (_, i) => clientIp(h(`198.51.100.${i}`), 0)));
    expect([...seen]).toEqual([UNKNOWN_CLIENT_IP]);
  });

  it("behind N proxies takes the Nth entry from the right, whatever the client put in front", () => {
    expect(clientIp(h("1.1.1.1, 203.0.113.7"), 1)).toBe("203.0.113.7");
    expect(clientIp(h("1.1.1.1, 2.2.2.2, 203.0.113.7, 10.0.0.5"), 2)).toBe("203.0.113.7");
    const rotating = new Set(Array.from({ length: 12 }, (_, i) => clientIp(h(`198.51.100.${i}, 203.0.113.7`), 1)));
    expect([...rotating]).toEqual(["203.0.113.7"]);
  });

  it("reads repeated header lines as one list (node's IncomingHttpHeaders shape too)", () => {
    expect(clientIp({ "x-forwarded-for": ["6.6.6.6", "203.0.113.7"] }, 1)).toBe("203.0.113.7");
    expect(clientIp({ "x-forwarded-for": "6.6.6.6,203.0.113.7" }, 1)).toBe("203.0.113.7");
  });

  it("does not trust anything when there are fewer entries than proxies, or the entry is not an address", () => {
    expect(clientIp(h("203.0.113.7"), 2)).toBe(UNKNOWN_CLIENT_IP);
    expect(clientIp(h(), 1)).toBe(UNKNOWN_CLIENT_IP);
    expect(clientIp(h("1.1.1.1, not-an-ip"), 1)).toBe(UNKNOWN_CLIENT_IP);
    expect(clientIp(h("1.1.1.1, unknown"), 1)).toBe(UNKNOWN_CLIENT_IP);
  });

  it("normalises ports, brackets and IPv4-mapped IPv6", () => {
    expect(normalizeIp("203.0.113.7:4711")).toBe("203.0.113.7");
    expect(normalizeIp("[2001:DB8::1]:443")).toBe("2001:db8::1");
    expect(normalizeIp("::ffff:203.0.113.7")).toBe("203.0.113.7");
    expect(normalizeIp("2001:db8::1")).toBe("2001:db8::1");
    expect(normalizeIp("example.com")).toBeNull();
  });
});

describe("ipLimitKey", () => {
  it("counts IPv4 per address and IPv6 per /64, and nothing for an unknown address", () => {
    expect(ipLimitKey("203.0.113.7")).toBe("203.0.113.7");
    expect(ipLimitKey("2001:db8:1:2:aaaa::1")).toBe("2001:db8:1:2::/64");
    expect(ipLimitKey("2001:db8:1:2:bbbb:cccc:dddd:eeee")).toBe("2001:db8:1:2::/64");
    expect(ipLimitKey("2001:db8::1")).toBe("2001:db8:0:0::/64");
    expect(ipLimitKey(UNKNOWN_CLIENT_IP)).toBeNull();
  });
});
