// POST /api/v1/me/password — change your password; other sessions end, this one gets a fresh cookie
import { changePassword, changePasswordSchema } from "@/lib/auth/change-password";
import { clientIp } from "@/lib/auth/client-ip";
import { encodeSessionToken, sessionCookieHeaders } from "@/lib/auth/session-token";
import { platformDb } from "@/lib/tenant/platform-db";
import { readJson } from "@/lib/http/read-json";
import { withUser } from "@/lib/tenant/api-guard";
import { route } from "@/lib/http/route";

export const runtime = "nodejs";

const change = withUser(async (req, { session, claims }) => {
  const input = await readJson(req, changePasswordSchema);
  const { sessionVersion } = await changePassword(platformDb("auth"), { userId: session.user.id, sessionId: session.sessionId, ip: clientIp(req.headers) }, input);
  const token = await encodeSessionToken({ ...claims, sessionVersion });
  return Response.json({ data: { changed: true } }, { headers: sessionCookieHeaders(token) });
});

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = route({ POST: change });
