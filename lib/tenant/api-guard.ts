// Guards for API routes, each "who is calling, rate limit, role check, then the handler". Every route
// file wraps them in route() (lib/http/route.ts), which checks the params and turns any thrown error
// into `{ error: { code, message } }`.
//   withTenant        a member of the session's workspace, or an API key of it acting as an admin
//                     (`Authorization: Bearer`, lib/tenant/resolve-api-key.ts); optionally admins only
//   withTenantSession the same for browser sessions only (key management, browser tokens)
//   withUser          any signed-in person acting on their own account (/api/v1/me/*)
//   withSuperAdmin    the platform (/api/v1/admin/*): super admins, with or without a membership; others 404
//   withPublic        routes open to anyone (sign-up): CSRF check only
// Session requests pass the CSRF check on mutations; key requests skip it: CSRF rides on a cookie the
// browser attaches by itself, while a Bearer header is only ever sent by code that holds the key.
import { readSessionClaims, type SessionClaims } from "../auth/session-token";
import { platformDb } from "./platform-db";
import { AppError } from "../errors";
import { assertSameOrigin } from "../http/csrf";
import type { RouteHandler } from "../http/route";
import type { Role } from "../db/generated/enums";
import { resolvePlatformSession, resolveSession, resolveUserSession, type SessionContext, type UserSessionContext } from "./resolve-session";
import { bearerToken, resolveApiKey, type ApiKeyContext } from "./resolve-api-key";
import { apiKeyLimit, enforceApiLimit, sessionLimit } from "./api-rate-limit";

type Handler<S, P> = (req: Request, ctx: { session: S; claims: SessionClaims; params: P }) => Promise<Response>;

/**
 * Who a tenant route acts for: a signed-in member (SessionContext) or an API key (ApiKeyContext, no
 * person: `session.user` does not exist, so a handler that needs one uses withTenantSession).
 */
export type TenantCaller = SessionContext | ApiKeyContext;

/** An API key on a session-only route. Refused, not ignored: the caller should learn keys do not work here. */
function refuseApiKey(req: Request, code: "FORBIDDEN" | "NOT_FOUND" = "FORBIDDEN"): void {
  if (!/^Bearer\b/i.test(req.headers.get("authorization") ?? "")) return;
  throw code === "NOT_FOUND" ? new AppError("NOT_FOUND", "Not found") : new AppError("FORBIDDEN", "API keys cannot be used here; sign in to the dashboard");
}

/** A guard that resolves the cookie's claims with `resolve`, which throws for no or a dead session. */
function sessionGuard<S extends { sessionId: string }>(resolve: (claims: SessionClaims | null) => Promise<S>, keyRefusal: "FORBIDDEN" | "NOT_FOUND" = "FORBIDDEN") {
  return <P = Record<string, never>>(handler: Handler<S, P>): RouteHandler =>
    async (req, ctx) => {
      refuseApiKey(req, keyRefusal);
      assertSameOrigin(req);
      const claims = await readSessionClaims(req.headers.get("cookie"));
      const session = await resolve(claims);
      await enforceApiLimit(sessionLimit(), session.sessionId);
      // resolve() refuses null claims, so they are set here; route() has already checked the params.
      return handler(req, { session, claims: claims!, params: (await ctx.params) as P });
    };
}

const tenantGuard = sessionGuard((claims) => resolveSession(platformDb("session"), claims));

function assertRole(caller: { role: Role }, role: Role | undefined): void {
  if (role === "ADMIN" && caller.role !== "ADMIN") throw new AppError("FORBIDDEN", "Only workspace admins can do this");
}

type TenantHandler<P> = (req: Request, ctx: { session: TenantCaller; params: P }) => Promise<Response>;

export function withTenant<P = Record<string, never>>(handler: TenantHandler<P>, opts: { role?: Role } = {}): RouteHandler {
  const bySession = withTenantSession<P>((req, ctx) => handler(req, { session: ctx.session, params: ctx.params }), opts);
  return async (req, ctx) => {
    const token = bearerToken(req);
    if (token === null) return bySession(req, ctx);
    const caller = await resolveApiKey(platformDb("session"), token);
    await enforceApiLimit(apiKeyLimit(), caller.apiKeyId);
    assertRole(caller, opts.role);
    return handler(req, { session: caller, params: (await ctx.params) as P });
  };
}

/**
 * Browser sessions only; an API key is refused (403). Key management is here so that a leaked key
 * cannot mint more keys (or revoke the owner's) and outlive its own revocation; browser tokens are
 * here because they name the person holding the session.
 */
export function withTenantSession<P = Record<string, never>>(handler: Handler<SessionContext, P>, opts: { role?: Role } = {}): RouteHandler {
  return tenantGuard<P>((req, ctx) => {
    assertRole(ctx.session, opts.role);
    return handler(req, ctx);
  });
}

export const withUser = sessionGuard<UserSessionContext>((claims) => resolveUserSession(platformDb("session"), claims));

// NOT_FOUND for a key too: the admin section does not exist for anyone but a signed-in super admin.
export const withSuperAdmin = sessionGuard<UserSessionContext>((claims) => resolvePlatformSession(platformDb("session"), claims), "NOT_FOUND");

export function withPublic(handler: (req: Request) => Promise<Response>): RouteHandler {
  return (req) => {
    assertSameOrigin(req);
    return handler(req);
  };
}
