// POST /api/v1/me/sessions/revoke-all — sign out everywhere, this browser included (its cookie is cleared)
import { endAllSessions } from "@/lib/auth/sessions";
import { secureCookies, sessionSetCookie } from "@/lib/auth/session-token";
import { platformDb } from "@/lib/tenant/platform-db";
import { withUser } from "@/lib/tenant/user-guard";
import { route } from "@/lib/http/route";

export const runtime = "nodejs";

const revokeAll = withUser(async (_req, { session }) => {
  const db = platformDb("auth");
  await db.$transaction(async (tx) => {
    await endAllSessions(tx, [session.user.id]);
    await tx.auditLog.create({
      data: { tenantId: null, actorUserId: session.user.id, action: "user.sessions_revoke_all", targetType: "user", targetId: session.user.id },
    });
  });
  const headers = new Headers();
  for (const c of sessionSetCookie(null, { secure: secureCookies() })) headers.append("set-cookie", c);
  return Response.json({ data: { signedOut: true } }, { headers });
});

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = route({ POST: revokeAll });
