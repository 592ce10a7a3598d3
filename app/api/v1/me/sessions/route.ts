// GET /api/v1/me/sessions — the signed-in person's active sessions (browsers), this one marked
import { listActiveSessions } from "@/lib/auth/sessions";
import { platformDb } from "@/lib/tenant/platform-db";
import { withUser } from "@/lib/tenant/api-guard";
import { route } from "@/lib/http/route";

export const runtime = "nodejs";

const list = withUser(async (_req, { session }) => {
  return Response.json({ data: await listActiveSessions(platformDb("auth"), session.user.id, session.sessionId) });
});

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = route({ GET: list });
