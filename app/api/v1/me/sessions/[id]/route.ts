// DELETE /api/v1/me/sessions/:id — sign one of your sessions out (this one too: its cookie is cleared)
import { revokeSession } from "@/lib/auth/sessions";
import { sessionCookieHeaders } from "@/lib/auth/session-token";
import { platformDb } from "@/lib/tenant/platform-db";
import { notFound } from "@/lib/errors";
import { withUser } from "@/lib/tenant/api-guard";
import { route } from "@/lib/http/route";
import { idParams, type IdParams } from "@/lib/http/params";

export const runtime = "nodejs";

const revoke = withUser<IdParams>(async (_req, { session, params }) => {
  if (!(await revokeSession(platformDb("auth"), session.user.id, params.id))) throw notFound("Session");
  return new Response(null, { status: 204, headers: params.id === session.sessionId ? sessionCookieHeaders(null) : undefined });
});

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = route({ DELETE: revoke }, { params: idParams });
