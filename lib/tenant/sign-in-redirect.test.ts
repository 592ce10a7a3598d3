import { describe, expect, it } from "vitest";
import { safeCallbackUrl } from "@/components/auth/safe-callback";
import { sameSitePath, signInRedirectPath } from "./sign-in-redirect";

const ORIGIN = "http://localhost:3000";

describe("the sign-in redirect of a signed-out page visit", () => {
  it("carries the page (path and query) as callbackUrl", () => {
    expect(signInRedirectPath("UNAUTHENTICATED", "/phone-numbers")).toBe("/sign-in?callbackUrl=%2Fphone-numbers");
    expect(signInRedirectPath("UNAUTHENTICATED", "/agents/abc?tab=tools")).toBe("/sign-in?callbackUrl=%2Fagents%2Fabc%3Ftab%3Dtools");
  });

  it("drops a missing or foreign path, and says why for a suspended workspace", () => {
    expect(signInRedirectPath("UNAUTHENTICATED", null)).toBe("/sign-in");
    expect(signInRedirectPath("UNAUTHENTICATED", "//evil.example/x")).toBe("/sign-in");
    expect(signInRedirectPath("TENANT_SUSPENDED", "/agents")).toBe("/sign-in?error=TENANT_SUSPENDED");
  });

  it("keeps only same-site paths", () => {
    for (const bad of ["//evil", "/\\evil", "https://evil", "evil", "/\tevil", "/a\\b", "/sign-in?callbackUrl=/x", "/api/v1/me", "/", "", "/" + "a".repeat(2_000)]) {
      expect(sameSitePath(bad), JSON.stringify(bad)).toBeNull();
    }
    expect(sameSitePath("/overview?x=1")).toBe("/overview?x=1");
  });
});

describe("safeCallbackUrl (the sign-in form's check of callbackUrl)", () => {
  it("refuses other hosts however they are spelled", () => {
    for (const bad of ["//evil", "//evil.example/overview", "https://evil", "https://evil.example/agents", "/\\evil", "\\\\evil", "/\t/evil", "javascript:alert(1)", "http://localhost:3001/agents"]) {
      expect(safeCallbackUrl(bad, ORIGIN), JSON.stringify(bad)).toBe("/overview");
    }
  });

  it("keeps a path on this site, and turns this origin's absolute URL into a path", () => {
    expect(safeCallbackUrl("/phone-numbers", ORIGIN)).toBe("/phone-numbers");
    expect(safeCallbackUrl("/agents/x?tab=1#tools", ORIGIN)).toBe("/agents/x?tab=1#tools");
    expect(safeCallbackUrl(`${ORIGIN}/agents`, ORIGIN)).toBe("/agents");
    expect(safeCallbackUrl(decodeURIComponent("%2Fphone-numbers"), ORIGIN)).toBe("/phone-numbers");
  });

  it("does not loop back to sign-in, sign-up or the API", () => {
    for (const path of ["/sign-in", "/sign-up", "/api/v1/me", "/", null, ""]) expect(safeCallbackUrl(path, ORIGIN)).toBe("/overview");
  });
});
