// POST /api/v1/live/token — a short-lived token for the live calls socket on the voice server (any member)
import { getEnv } from "@/lib/env";
import { withTenantSession } from "@/lib/tenant/api-guard";
import { route } from "@/lib/http/route";
import { BROWSER_TOKEN_TTL_SEC, issueBrowserToken } from "@/lib/realtime/browser-token";

export const runtime = "nodejs";

// Sessions only: the token names the person watching.
const mint = withTenantSession(async (_req, { session }) => {
  const token = issueBrowserToken({ purpose: "live", tenantId: session.tenantId, userId: session.user.id, role: session.role });
  const url = `${getEnv().VOICE_PUBLIC_URL.replace(/\/+$/, "")}/live`;
  return Response.json({ data: { token, url, expiresInSec: BROWSER_TOKEN_TTL_SEC } }, { headers: { "cache-control": "no-store" } });
});

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = route({ POST: mint });
