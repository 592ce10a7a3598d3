// POST /api/v1/me/sessions/revoke-all — sign out everywhere, this browser included (its cookie is cleared)
import { signOutEverywhere } from "@/lib/auth/sessions";
import { sessionCookieHeaders } from "@/lib/auth/session-token";
import { platformDb } from "@/lib/tenant/platform-db";
import { withUser } from "@/lib/tenant/api-guard";
import { route } from "@/lib/http/route";

export const runtime = "nodejs";

const revokeAll = withUser(async (_req, { session }) => {
  await signOutEverywhere(platformDb("auth"), session.user.id);
  return Response.json({ data: { signedOut: true } }, { headers: sessionCookieHeaders(null) });
});

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = route({ POST: revokeAll });
