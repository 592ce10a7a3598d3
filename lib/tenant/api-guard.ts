// The guard for session-authenticated API routes: CSRF check on mutations, session → tenant scope,
// role check, then the handler; any thrown error becomes `{ error: { code, message } }`.
// The API-key guard (next issue) will resolve the same TenantScope from an Authorization header.
import { readSessionClaims } from "../auth/session-token";
import { platformDb } from "./platform-db";
import { AppError } from "../errors";
import { assertSameOrigin } from "../http/csrf";
import { errorResponse } from "../http/error-response";
import type { Role } from "../db/generated/enums";
import { resolveSession, type SessionContext } from "./resolve-session";

type RouteContext<P> = { params: Promise<P> };
type Handler<P> = (req: Request, ctx: { session: SessionContext; params: P }) => Promise<Response>;

export function withTenant<P = Record<string, never>>(handler: Handler<P>, opts: { role?: Role } = {}) {
  return async (req: Request, routeCtx?: RouteContext<P>): Promise<Response> => {
    try {
      assertSameOrigin(req);
      const session = await resolveSession(platformDb("session"), await readSessionClaims(req.headers.get("cookie")));
      if (opts.role === "ADMIN" && session.role !== "ADMIN") {
        throw new AppError("FORBIDDEN", "Only workspace admins can do this");
      }
      const params = (routeCtx ? await routeCtx.params : {}) as P;
      return await handler(req, { session, params });
    } catch (err) {
      return errorResponse(err);
    }
  };
}

/** The same, for routes open to anyone (sign-up): CSRF check and error mapping only. */
export function withPublic(handler: (req: Request) => Promise<Response>) {
  return async (req: Request): Promise<Response> => {
    try {
      assertSameOrigin(req);
      return await handler(req);
    } catch (err) {
      return errorResponse(err);
    }
  };
}
