// Guards for session-authenticated API routes, each "CSRF check on mutations, session from the cookie,
// role check, then the handler". Every route file wraps them in route() (lib/http/route.ts), which
// checks the params and turns any thrown error into `{ error: { code, message } }`.
//   withTenant     a member of the session's workspace (/api/v1/*), optionally admins only
//   withUser       any signed-in person acting on their own account (/api/v1/me/*)
//   withSuperAdmin the platform (/api/v1/admin/*): super admins, with or without a membership; others 404
//   withPublic     routes open to anyone (sign-up): CSRF check only
// The API-key guard (next issue) will resolve the same TenantScope from an Authorization header.
import { readSessionClaims, type SessionClaims } from "../auth/session-token";
import { platformDb } from "./platform-db";
import { AppError } from "../errors";
import { assertSameOrigin } from "../http/csrf";
import type { RouteHandler } from "../http/route";
import type { Role } from "../db/generated/enums";
import { resolvePlatformSession, resolveSession, resolveUserSession, type SessionContext, type UserSessionContext } from "./resolve-session";

type Handler<S, P> = (req: Request, ctx: { session: S; claims: SessionClaims; params: P }) => Promise<Response>;

/** A guard that resolves the cookie's claims with `resolve`, which throws for no or a dead session. */
function sessionGuard<S>(resolve: (claims: SessionClaims | null) => Promise<S>) {
  return <P = Record<string, never>>(handler: Handler<S, P>): RouteHandler =>
    async (req, ctx) => {
      assertSameOrigin(req);
      const claims = await readSessionClaims(req.headers.get("cookie"));
      const session = await resolve(claims);
      // resolve() refuses null claims, so they are set here; route() has already checked the params.
      return handler(req, { session, claims: claims!, params: (await ctx.params) as P });
    };
}

const tenantGuard = sessionGuard((claims) => resolveSession(platformDb("session"), claims));

export function withTenant<P = Record<string, never>>(handler: Handler<SessionContext, P>, opts: { role?: Role } = {}): RouteHandler {
  return tenantGuard<P>((req, ctx) => {
    if (opts.role === "ADMIN" && ctx.session.role !== "ADMIN") throw new AppError("FORBIDDEN", "Only workspace admins can do this");
    return handler(req, ctx);
  });
}

export const withUser = sessionGuard<UserSessionContext>((claims) => resolveUserSession(platformDb("session"), claims));

export const withSuperAdmin = sessionGuard<UserSessionContext>((claims) => resolvePlatformSession(platformDb("session"), claims));

export function withPublic(handler: (req: Request) => Promise<Response>): RouteHandler {
  return (req) => {
    assertSameOrigin(req);
    return handler(req);
  };
}
