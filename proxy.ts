// Next's proxy (formerly middleware): runs before every page and API route (not static assets, see
// the matcher). It only stamps headers; the policies live in lib/http/security-headers.ts.
//   - a fresh CSP nonce per page request (Next reads it from the request's CSP header and puts it on
//     its own scripts) and the CSP + HSTS response headers; API routes get a CSP that loads nothing
//   - x-frontdesk-path: the requested path + query, so server components can send a signed-out
//     visitor back there after sign-in. Always overwritten: a client cannot supply its own.
import { NextResponse, type NextRequest } from "next/server";
import { getEnv } from "@/lib/env";
import { REQUEST_PATH_HEADER } from "@/lib/http/request-path";
import { createNonce, responseSecurityHeaders } from "@/lib/http/security-headers";

export function proxy(request: NextRequest): NextResponse {
  const env = getEnv();
  const { pathname, search } = request.nextUrl;
  const isApi = pathname === "/api" || pathname.startsWith("/api/");
  const nonce = isApi ? undefined : createNonce();
  const security = responseSecurityHeaders({
    nonce,
    dev: env.NODE_ENV === "development",
    appUrl: env.APP_URL,
    voicePublicUrl: env.VOICE_PUBLIC_URL,
  });

  const requestHeaders = new Headers(request.headers);
  requestHeaders.set(REQUEST_PATH_HEADER, `${pathname}${search}`);
  if (nonce) {
    requestHeaders.set("content-security-policy", security["Content-Security-Policy"]!);
  }
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  for (const [name, value] of Object.entries(security)) response.headers.set(name, value);
  return response;
}

export const config = {
  // Static files need no CSP or nonce (next.config.ts headers() still gives them nosniff and friends).
  matcher: ["/((?!_next/static|_next/image|favicon\\.ico|icon\\.svg|apple-icon|robots\\.txt).*)"],
};
