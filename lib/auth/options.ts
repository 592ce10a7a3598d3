// next-auth configuration: email + password credentials, JWT sessions backed by a server-side row.
// The JWT says who the user is, which tenant is active, and which session (sid, sv) it belongs to;
// the guards (lib/tenant) re-read role, tenant status and the session row on every request, so a
// suspension, role change, sign-out or revocation applies at once.
import "server-only";
import type { NextAuthOptions } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { getDb } from "../db/client";
import { requireAuthSecret } from "../env";
import { isAppError } from "../errors";
import { getLogger } from "../logger";
import { authenticate } from "./authenticate";
import { clientIp } from "./client-ip";
import { SESSION_MAX_AGE_SEC } from "./session-token";
import { revokeSession, startSession } from "./sessions";

type SignedInUser = { id: string; tenantId: string | null; sessionId: string; sessionVersion: number };

function header(headers: Record<string, unknown> | undefined, name: string): string | null {
  const v = headers?.[name];
  return typeof v === "string" ? v : Array.isArray(v) && typeof v[0] === "string" ? v[0] : null;
}

export function getAuthOptions(): NextAuthOptions {
  return {
    secret: requireAuthSecret(),
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SEC },
    pages: { signIn: "/sign-in" },
    providers: [
      Credentials({
        id: "credentials",
        name: "Email and password",
        credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
        async authorize(credentials, req) {
          try {
            const ip = clientIp(req.headers ?? {});
            const user = await authenticate(getDb(), credentials, ip);
            if (!user) return null;
            const session = await startSession(getDb(), user.id, { ip, userAgent: header(req.headers, "user-agent") });
            return { id: user.id, email: user.email, name: user.name, tenantId: user.tenantId, ...session };
          } catch (err) {
            // next-auth passes an Error's message to the client as `error`: only stable codes go out.
            if (isAppError(err, "THROTTLED") || isAppError(err, "BUSY") || isAppError(err, "TENANT_SUSPENDED")) throw new Error(err.code);
            getLogger("auth").error({ err }, "sign-in failed");
            throw new Error("INTERNAL");
          }
        },
      }),
    ],
    callbacks: {
      jwt({ token, user }) {
        if (user) {
          const u = user as unknown as SignedInUser;
          token.tenantId = u.tenantId ?? null;
          token.sid = u.sessionId;
          token.sv = u.sessionVersion;
        }
        return token;
      },
      session({ session, token }) {
        return { ...session, userId: token.sub, tenantId: token.tenantId ?? null };
      },
    },
    events: {
      // POST /api/auth/signout: the cookie is cleared in this browser and its row revoked, so a copy
      // of the cookie taken before stops working too. next-auth logs (and swallows) a throw here.
      async signOut({ token }) {
        if (typeof token?.sub === "string" && typeof token.sid === "string") await revokeSession(getDb(), token.sub, token.sid);
      },
    },
  };
}
