import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { proxy } from "./proxy";

const run = (url: string, headers: Record<string, string> = {}) => proxy(new NextRequest(url, { headers }));
// NextResponse.next({ request: { headers } }) hands the rewritten request headers to Next this way.
const forwarded = (res: Response, name: string) => res.headers.get(`x-middleware-request-${name}`);

describe("proxy", () => {
  it("gives a page a nonce-based CSP, the same nonce to Next on the request, and the requested path", () => {
    const res = run("http://localhost:3000/agents/abc?tab=hours", { "x-frontdesk-path": "https://evil.example/" });
    const csp = res.headers.get("content-security-policy")!;
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    expect(forwarded(res, "content-security-policy")).toBe(csp);
    expect(forwarded(res, "x-frontdesk-path")).toBe("/agents/abc?tab=hours");
    expect(csp).toContain("frame-ancestors 'none'");
  });

  it("uses a new nonce per request", () => {
    const nonceOf = (res: Response) => /'nonce-([^']+)'/.exec(res.headers.get("content-security-policy")!)?.[1];
    expect(nonceOf(run("http://localhost:3000/overview"))).not.toBe(nonceOf(run("http://localhost:3000/overview")));
  });

  it("gives API responses the load-nothing CSP and no nonce", () => {
    const res = run("http://localhost:3000/api/v1/agents");
    expect(res.headers.get("content-security-policy")).toMatch(/^default-src 'none'/);
    expect(forwarded(res, "content-security-policy")).toBeNull();
    expect(forwarded(res, "x-frontdesk-path")).toBe("/api/v1/agents");
  });

  it("sends no HSTS over plain HTTP", () => {
    expect(run("http://localhost:3000/").headers.get("strict-transport-security")).toBeNull();
  });
});
