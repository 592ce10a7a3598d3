import { describe, expect, it } from "vitest";
import { parseEnv as parse } from "../env";
import { allowedOrigins, assertSameOrigin } from "./csrf";

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

  it("never takes the allowed origin from Host or X-Forwarded-Host", () => {
    const forged = { origin: "https://evil.example", "x-forwarded-host": "evil.example", "x-forwarded-proto": "https" };
    expect(() => assertSameOrigin(req("POST", forged))).toThrow(/Cross-site/);
    expect(() => assertSameOrigin(req("POST", { origin: "http://evil.example", host: "evil.example" }))).toThrow(/Cross-site/);
  });
});

const parseEnv = (vars: Record<string, string>) => parse(vars as NodeJS.ProcessEnv);

describe("allowed origins", () => {
  it("are APP_URL's origin plus ALLOWED_ORIGINS", () => {
    const env = parseEnv({ APP_URL: "https://app.example.com/base", ALLOWED_ORIGINS: "https://admin.example.com, http://localhost:3000/" });
    expect([...allowedOrigins(env)]).toEqual(["https://app.example.com", "https://admin.example.com", "http://localhost:3000"]);
  });

  it("follow PORT when APP_URL is unset (a dev server on another port still accepts its own forms)", () => {
    expect([...allowedOrigins(parseEnv({ PORT: "3500" }))]).toEqual(["http://localhost:3500"]);
  });

  it("refuses an ALLOWED_ORIGINS entry that is not an origin, naming the variable", () => {
    expect(() => parseEnv({ ALLOWED_ORIGINS: "https://ok.example,https://x.example/path" })).toThrow(/ALLOWED_ORIGINS/);
    expect(() => parseEnv({ ALLOWED_ORIGINS: "evil" })).toThrow(/ALLOWED_ORIGINS/);
  });
});
