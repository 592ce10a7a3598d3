// POST /api/auth/signup — create an account, its workspace (tenant) and admin membership, and sign the
// new admin in (the session cookie comes with the 201): one password hash instead of a second one for a
// separate sign-in, ~0.9 s less for the person waiting at production cost.
import { clientIp } from "@/lib/auth/client-ip";
import { startSession } from "@/lib/auth/sessions";
import { encodeSessionToken, sessionCookieHeaders } from "@/lib/auth/session-token";
import { signUp, signUpSchema } from "@/lib/auth/signup";
import { getLogger } from "@/lib/logger";
import { platformDb } from "@/lib/tenant/platform-db";
import { readJson } from "@/lib/http/read-json";
import { withPublic } from "@/lib/tenant/api-guard";
import { route } from "@/lib/http/route";

export const runtime = "nodejs";

const create = withPublic(async (req) => {
  const input = await readJson(req, signUpSchema);
  const db = platformDb("auth");
  const ip = clientIp(req.headers);
  const account = await signUp(db, input, { ip });
  // The account is committed: a failure to open its session must not read as "not created". The
  // client then signs in the usual way (signedIn: false).
  let headers: Headers | undefined;
  try {
    const session = await startSession(db, account.user.id, { ip, userAgent: req.headers.get("user-agent") });
    headers = sessionCookieHeaders(await encodeSessionToken({ userId: account.user.id, tenantId: account.tenant.id, ...session }));
  } catch (err) {
    getLogger("auth").error({ err, userId: account.user.id }, "sign-up: the new account's session could not be started");
  }
  return Response.json({ data: { ...account, signedIn: headers !== undefined } }, { status: 201, headers });
});

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = route({ POST: create });
