// Guards for session routes that are not about one tenant: a person's own account (/api/v1/me/*,
// any signed-in user, with or without a workspace) and the platform (/api/v1/admin/*, super admins,
// with or without a membership anywhere). Same CSRF check and error mapping as withTenant.
import { readSessionClaims, type SessionClaims } from "../auth/session-token";
import { getDb } from "../db/client";
import { AppError } from "../errors";
import { assertSameOrigin } from "../http/csrf";
import { errorResponse } from "../http/error-response";
import { resolvePlatformSession, resolveUserSession, type UserSessionContext } from "./resolve-session";

type RouteContext<P> = { params: Promise<P> };
type Ctx<P> = { session: UserSessionContext; claims: SessionClaims; params: P };
type Handler<P> = (req: Request, ctx: Ctx<P>) => Promise<Response>;
type Resolver = (claims: SessionClaims | null) => Promise<UserSessionContext>;

function guard<P>(resolve: Resolver, handler: Handler<P>) {
  return async (req: Request, routeCtx?: RouteContext<P>): Promise<Response> => {
    try {
      assertSameOrigin(req);
      const claims = await readSessionClaims(req.headers.get("cookie"));
      const session = await resolve(claims);
      if (!claims) throw new AppError("UNAUTHENTICATED", "Sign in to continue"); // resolve() already refused
      const params = (routeCtx ? await routeCtx.params : {}) as P;
      return await handler(req, { session, claims, params });
    } catch (err) {
      return errorResponse(err);
    }
  };
}

/** Any signed-in person acting on their own account. */
export function withUser<P = Record<string, never>>(handler: Handler<P>) {
  return guard<P>((claims) => resolveUserSession(getDb(), claims), handler);
}

/** Super admins only (others get 404, as for the admin pages). */
export function withSuperAdmin<P = Record<string, never>>(handler: Handler<P>) {
  return guard<P>((claims) => resolvePlatformSession(getDb(), claims), handler);
}
