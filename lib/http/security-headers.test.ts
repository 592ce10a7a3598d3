import { describe, expect, it } from "vitest";
import {
  API_CONTENT_SECURITY_POLICY,
  createNonce,
  pageContentSecurityPolicy,
  responseSecurityHeaders,
  STATIC_SECURITY_HEADERS,
  voiceSocketOrigin,
} from "./security-headers";

const directives = (csp: string) => new Map(csp.split("; ").map((d) => [d.split(" ")[0], d.split(" ").slice(1)] as const));
const base = { nonce: "abc123==", dev: false, appUrl: "http://localhost:3000", voicePublicUrl: "ws://localhost:8080" };

describe("page CSP", () => {
  it("runs only scripts carrying this request's nonce (and what they load), no eval in production", () => {
    const csp = directives(pageContentSecurityPolicy(base));
    expect(csp.get("script-src")).toEqual(["'self'", "'nonce-abc123=='", "'strict-dynamic'"]);
    expect(csp.get("object-src")).toEqual(["'none'"]);
    expect(csp.get("frame-ancestors")).toEqual(["'none'"]);
    expect(csp.get("base-uri")).toEqual(["'self'"]);
    expect([...csp.values()].flat()).not.toContain("'unsafe-eval'");
  });

  it("allows eval in development only, where Next needs it", () => {
    expect(directives(pageContentSecurityPolicy({ ...base, dev: true })).get("script-src")).toContain("'unsafe-eval'");
  });

  it("lets the browser call reach the voice server's socket and play blob: audio", () => {
    const csp = directives(pageContentSecurityPolicy({ ...base, voicePublicUrl: "wss://voice.example.com:8443/stream" }));
    expect(csp.get("connect-src")).toEqual(["'self'", "wss://voice.example.com:8443"]);
    expect(csp.get("media-src")).toEqual(["'self'", "blob:"]);
    expect(voiceSocketOrigin("https://voice.example.com")).toBe("wss://voice.example.com");
    expect(voiceSocketOrigin("http://localhost:8580")).toBe("ws://localhost:8580");
  });

  it("upgrades insecure requests only when the app is on HTTPS", () => {
    expect(pageContentSecurityPolicy(base)).not.toContain("upgrade-insecure-requests");
    expect(pageContentSecurityPolicy({ ...base, appUrl: "https://app.example.com" })).toContain("upgrade-insecure-requests");
  });
});

describe("per-response headers", () => {
  it("gives API responses a CSP that loads nothing, and HSTS only on HTTPS", () => {
    expect(responseSecurityHeaders({ ...base, nonce: undefined })).toEqual({ "Content-Security-Policy": API_CONTENT_SECURITY_POLICY });
    const https = responseSecurityHeaders({ ...base, appUrl: "https://app.example.com" });
    expect(https["Strict-Transport-Security"]).toMatch(/^max-age=\d{8}; includeSubDomains$/);
    expect(https["Content-Security-Policy"]).toContain("'nonce-abc123=='");
  });

  it("has the static headers every response gets", () => {
    const map = Object.fromEntries(STATIC_SECURITY_HEADERS.map((h) => [h.key.toLowerCase(), h.value]));
    expect(map["x-content-type-options"]).toBe("nosniff");
    expect(map["x-frame-options"]).toBe("DENY");
    expect(map["referrer-policy"]).toBe("strict-origin-when-cross-origin");
    expect(map["permissions-policy"]).toContain("microphone=(self)");
    expect(map["permissions-policy"]).toContain("camera=()");
    expect(map["permissions-policy"]).toContain("geolocation=()");
  });

  it("makes a fresh, unguessable nonce each time", () => {
    const nonces = new Set(Array.from({ length: 50 }, createNonce));
    expect(nonces.size).toBe(50);
    for (const n of nonces) expect(n).toMatch(/^[A-Za-z0-9+/]{22}==$/);
  });
});
