import { describe, expect, it } from "vitest";
import { dropStrayCsrfCookie } from "./next-auth-route";

const csrf = "next-auth.csrf-token=abc%7Cdef; Path=/; HttpOnly; SameSite=Lax";
const hostCsrf = "__Host-next-auth.csrf-token=abc%7Cdef; Path=/; HttpOnly; SameSite=Lax; Secure";
const callback = "next-auth.callback-url=http%3A%2F%2Flocalhost; Path=/";

describe("dropStrayCsrfCookie", () => {
  it("lets only the endpoints that return the token set its cookie", () => {
    expect(dropStrayCsrfCookie("GET", "csrf", [csrf])).toEqual([csrf]);
    expect(dropStrayCsrfCookie("GET", "signout", [hostCsrf])).toEqual([hostCsrf]);
  });

  it("drops it from the session probe and every other response, keeping other cookies", () => {
    expect(dropStrayCsrfCookie("GET", "session", [csrf, callback])).toEqual([callback]);
    expect(dropStrayCsrfCookie("GET", "providers", [hostCsrf])).toEqual([]);
    expect(dropStrayCsrfCookie("POST", "callback", [csrf, callback])).toEqual([callback]);
  });
});
