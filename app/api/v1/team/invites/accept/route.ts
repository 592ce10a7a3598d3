// POST /api/v1/team/invites/accept — accept an invite: a new person gets an account and is signed in;
// someone with an account must already be signed in as the invited email, and joins
import { acceptInvite } from "@/lib/auth/accept-invite";
import { clientIp } from "@/lib/auth/client-ip";
import { encodeSessionToken, readSessionClaims, sessionCookieHeaders } from "@/lib/auth/session-token";
import { isAppError } from "@/lib/errors";
import { readJson } from "@/lib/http/read-json";
import { inviteAcceptSchema } from "@/lib/team/schemas";
import { withPublic } from "@/lib/tenant/api-guard";
import { platformDb } from "@/lib/tenant/platform-db";
import { resolveUserSession } from "@/lib/tenant/resolve-session";
import { route } from "@/lib/http/route";

export const runtime = "nodejs";

/** The caller's session if they have a working one; a stale cookie counts as signed out here. */
async function optionalSession(req: Request) {
  try {
    return await resolveUserSession(platformDb("session"), await readSessionClaims(req.headers.get("cookie")));
  } catch (err) {
    if (isAppError(err, "UNAUTHENTICATED") || isAppError(err, "TENANT_SUSPENDED")) return null;
    throw err;
  }
}

const accept = withPublic(async (req) => {
  const input = await readJson(req, inviteAcceptSchema);
  const db = platformDb("auth");
  const origin = { ip: clientIp(req.headers), userAgent: req.headers.get("user-agent") };
  const result = await acceptInvite(db, input, await optionalSession(req), origin);
  const body = { data: { tenantId: result.tenantId, signedIn: true } };
  if (!result.session) return Response.json(body);
  const token = await encodeSessionToken({ userId: result.userId, tenantId: result.tenantId, ...result.session });
  return Response.json(body, { headers: sessionCookieHeaders(token) });
});

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = route({ POST: accept });
