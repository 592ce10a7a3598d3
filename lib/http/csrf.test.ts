import { describe, expect, it } from "vitest";
import { assertSameOrigin } from "./csrf";

const req = (method: string, headers: Record<string, string>) =>
  new Request("http://localhost:3000/api/v1/agents", { method, headers: { host: "localhost:3000", ...headers } });

describe("same-origin check", () => {
  it("lets reads through without an Origin", () => {
    expect(() => assertSameOrigin(req("GET", {}))).not.toThrow();
  });

  it("accepts mutations from our own origin (Origin or Referer)", () => {
    expect(() => assertSameOrigin(req("POST", { origin: "http://localhost:3000" }))).not.toThrow();
    expect(() => assertSameOrigin(req("DELETE", { referer: "http://localhost:3000/agents/1" }))).not.toThrow();
  });

  it("refuses mutations from elsewhere or with no origin at all", () => {
    expect(() => assertSameOrigin(req("POST", { origin: "https://evil.example" }))).toThrow(/Cross-site/);
    expect(() => assertSameOrigin(req("PATCH", {}))).toThrow(/Cross-site/);
    expect(() => assertSameOrigin(req("POST", { origin: "http://localhost:3000", "sec-fetch-site": "cross-site" }))).toThrow();
    expect(() => assertSameOrigin(req("POST", { origin: "null" }))).toThrow();
  });
});
