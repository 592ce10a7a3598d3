// Runs next-auth for /api/auth/* from a plain Web Request, and keeps its CSRF cookie stable.
//
// Why the CSRF part: next-auth sets a new CSRF cookie on *every* /api/auth/* response to a request
// that arrived without one, including GET /api/auth/session. A new visitor's page fires that session
// probe on load (twice, under React's dev double-mount); on a freshly started `npm run dev` the first
// compile of this route holds it for seconds. If it answers after signIn()'s own GET /api/auth/csrf,
// its cookie replaces the one signIn() read its token against, the credentials POST fails the CSRF
// check (next-auth answers 200 with url ".../signin?csrf=true", no error, password never checked) and
// the new user lands on /sign-in. Only the endpoints that hand out the token may set its cookie.
//
// Why the plain-Request part: next-auth's app-router adapter reads next/headers, which exists only
// inside Next's request scope; its pages-style handler takes plain objects, so the same code runs in
// the app and in the db tests, through this route.
import NextAuth, { type NextAuthOptions } from "next-auth";
import { AppError } from "../errors";
import { errorResponse } from "../http/error-response";
import { readBodyText } from "../http/read-body";
import { parseCookies } from "./session-token";

/** (method, action) pairs whose responses may carry a fresh CSRF cookie: they return the token. */
const ISSUES_CSRF_TOKEN = new Set(["GET csrf", "GET signout"]);

export function dropStrayCsrfCookie(method: string, action: string | undefined, setCookies: string[]): string[] {
  if (ISSUES_CSRF_TOKEN.has(`${method} ${action}`)) return setCookies;
  return setCookies.filter((c) => !/^(__Host-)?next-auth\.csrf-token=/.test(c));
}

async function readBody(req: Request): Promise<Record<string, string> | undefined> {
  if (req.method !== "POST") return undefined;
  // A sign-in or sign-out form is a few hundred bytes.
  const text = await readBodyText(req, 16 * 1024);
  const type = req.headers.get("content-type") ?? "";
  if (type.startsWith("application/x-www-form-urlencoded")) return Object.fromEntries(new URLSearchParams(text));
  if (type.startsWith("application/json")) {
    try {
      return JSON.parse(text) as Record<string, string>;
    } catch {
      throw new AppError("VALIDATION_FAILED", "Request body is not valid JSON");
    }
  }
  return undefined;
}

/** The slice of Node's ServerResponse that next-auth's pages-style handler uses. */
class CapturedResponse {
  status_ = 200;
  headers = new Map<string, string | string[]>();
  body: BodyInit | null = null;
  status(code: number) {
    this.status_ = code;
    return this;
  }
  getHeader(name: string) {
    return this.headers.get(name.toLowerCase());
  }
  setHeader(name: string, value: string | string[]) {
    this.headers.set(name.toLowerCase(), value);
    return this;
  }
  json(value: unknown) {
    this.setHeader("content-type", "application/json");
    this.body = JSON.stringify(value);
  }
  send(value: unknown) {
    if (typeof value === "string" || value === undefined || value === null) this.body = (value as string | null) ?? null;
    else this.json(value);
  }
  end() {}
}

export async function handleNextAuth(req: Request, segments: string[], options: NextAuthOptions): Promise<Response> {
  try {
    const url = new URL(req.url);
    const nextReq = {
      method: req.method,
      query: { ...Object.fromEntries(url.searchParams), nextauth: segments },
      body: await readBody(req),
      cookies: Object.fromEntries(parseCookies(req.headers.get("cookie"))),
      headers: Object.fromEntries(req.headers),
    };
    const res = new CapturedResponse();
    await NextAuth(nextReq as never, res as never, options);

    const headers = new Headers();
    for (const [name, value] of res.headers) {
      if (name === "set-cookie") {
        const cookies = dropStrayCsrfCookie(req.method, segments[0], Array.isArray(value) ? value : [value]);
        for (const c of cookies) headers.append("set-cookie", c);
      } else headers.set(name, Array.isArray(value) ? value.join(", ") : value);
    }
    return new Response(res.body, { status: res.status_, headers });
  } catch (err) {
    return errorResponse(err);
  }
}
