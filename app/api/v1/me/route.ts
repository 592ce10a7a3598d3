// GET /api/v1/me — the signed-in user, their active workspace (with its country and plan limits) and role;
// PATCH — edit your profile: name, email (with currentPassword; another account's → 409 EMAIL_TAKEN)
import { withTenantSession, withUser } from "@/lib/tenant/api-guard";
import { clientIp } from "@/lib/auth/client-ip";
import { toMeJson } from "@/lib/auth/me-json";
import { profileUpdateSchema, updateProfile } from "@/lib/auth/profile";
import { readJson } from "@/lib/http/read-json";
import { platformDb } from "@/lib/tenant/platform-db";
import { route } from "@/lib/http/route";

export const runtime = "nodejs";

// The signed-in person: sessions only (an API key has no person behind it).
const read = withTenantSession(async (_req, { session }) => Response.json({ data: toMeJson(session) }));

const updateOwnProfile = withUser(async (req, { session }) => {
  const input = await readJson(req, profileUpdateSchema);
  const profile = await updateProfile(platformDb("auth"), { userId: session.user.id, ip: clientIp(req.headers) }, input);
  return Response.json({ data: profile });
});

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = route({ GET: read, PATCH: updateOwnProfile });
