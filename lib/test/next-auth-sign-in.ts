// Signs in through next-auth itself (CSRF token, credentials callback, the app's authorize(), JWT
// cookie) with the app's options, in-process. The app route /api/auth/[...nextauth] cannot run outside
// a Next.js request (it reads next/headers), so this calls next-auth's other entry, the API-route
// handler, which feeds the same core the same request fields (node_modules/next-auth/next/index.js).
import NextAuth from "next-auth";
import { getAuthOptions } from "../auth/options";
import { ORIGIN } from "./factories";

// next-auth warns on every call without it; the launcher sets it for the app.
process.env.NEXTAUTH_URL ??= ORIGIN;

export type SignInResult = { ok: boolean; error: string | null; cookie: string | null };

type Reply = { status: number; setCookies: string[]; body: unknown };

async function call(nextauth: string[], req: { method: string; headers: Record<string, string>; cookies: Record<string, string>; body?: Record<string, string> }): Promise<Reply> {
  const reply: Reply = { status: 200, setCookies: [], body: undefined };
  const headers = new Map<string, unknown>();
  const res = {
    status(code: number) {
      reply.status = code;
      return res;
    },
    getHeader: (name: string) => headers.get(name.toLowerCase()),
    setHeader(name: string, value: unknown) {
      headers.set(name.toLowerCase(), value);
      return res;
    },
    json: (body: unknown) => void (reply.body = body),
    send: (body: unknown) => void (reply.body = body),
    end: () => undefined,
  };
  const fullReq = { ...req, query: { nextauth }, headers: { host: new URL(ORIGIN).host, ...req.headers } };
  await (NextAuth as unknown as (req: unknown, res: unknown, options: unknown) => Promise<void>)(fullReq, res, getAuthOptions());
  reply.setCookies = ([] as string[]).concat((headers.get("set-cookie") as string[] | undefined) ?? []);
  return reply;
}

function cookieNamed(setCookies: string[], suffix: string): [string, string] | undefined {
  for (const c of setCookies) {
    const [pair] = c.split(";");
    const eq = pair!.indexOf("=");
    const name = pair!.slice(0, eq);
    if (name.endsWith(suffix)) return [name, decodeURIComponent(pair!.slice(eq + 1))];
  }
  return undefined;
}

/** POST /api/auth/callback/credentials as the sign-in form's signIn("credentials") sends it. */
export async function signInViaNextAuth(creds: { email: string; password: string }, headers: Record<string, string> = {}): Promise<SignInResult> {
  const csrf = await call(["csrf"], { method: "GET", headers, cookies: {} });
  const csrfCookie = cookieNamed(csrf.setCookies, "next-auth.csrf-token");
  const csrfToken = (csrf.body as { csrfToken?: string } | undefined)?.csrfToken;
  if (!csrfCookie || !csrfToken) throw new Error("next-auth gave no CSRF token");
  const res = await call(["callback", "credentials"], {
    method: "POST",
    headers: { ...headers, "content-type": "application/x-www-form-urlencoded" },
    cookies: { [csrfCookie[0]]: csrfCookie[1] },
    body: { ...creds, csrfToken, callbackUrl: `${ORIGIN}/overview`, json: "true" },
  });
  const url = (res.body as { url?: string } | undefined)?.url;
  const error = url ? new URL(url, ORIGIN).searchParams.get("error") : null;
  const session = cookieNamed(res.setCookies, "next-auth.session-token");
  return { ok: !error && !!session, error, cookie: session ? `${session[0]}=${session[1]}` : null };
}
