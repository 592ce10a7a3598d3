// DELETE /api/v1/me/sessions/:id — sign one of your sessions out (this one too: its cookie is cleared)
import { revokeSession } from "@/lib/auth/sessions";
import { secureCookies, sessionSetCookie } from "@/lib/auth/session-token";
import { platformDb } from "@/lib/tenant/platform-db";
import { notFound } from "@/lib/errors";
import { withUser } from "@/lib/tenant/user-guard";
import { route } from "@/lib/http/route";
import { idParams, type IdParams } from "@/lib/http/params";

export const runtime = "nodejs";

const revoke = withUser<IdParams>(async (_req, { session, params }) => {
  if (!(await revokeSession(platformDb("auth"), session.user.id, params.id))) throw notFound("Session");
  const headers = new Headers();
  if (params.id === session.sessionId) for (const c of sessionSetCookie(null, { secure: secureCookies() })) headers.append("set-cookie", c);
  return new Response(null, { status: 204, headers });
});

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = route({ DELETE: revoke }, { params: idParams });
