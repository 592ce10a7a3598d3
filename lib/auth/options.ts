// next-auth configuration: email + password credentials, JWT sessions. The JWT only says who the
// user is and which tenant is active; role and tenant status are re-read from the database on every
// request by the guards (lib/tenant), so a suspension or role change applies at once.
import "server-only";
import type { NextAuthOptions } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { getDb } from "../db/client";
import { getEnv } from "../env";
import { isAppError } from "../errors";
import { getLogger } from "../logger";
import { authenticate } from "./authenticate";
import { clientIp } from "./client-ip";
import { SESSION_MAX_AGE_SEC } from "./session-token";

export function getAuthOptions(): NextAuthOptions {
  return {
    secret: getEnv().authSecret,
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SEC },
    pages: { signIn: "/sign-in" },
    providers: [
      Credentials({
        id: "credentials",
        name: "Email and password",
        credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
        async authorize(credentials, req) {
          try {
            const user = await authenticate(getDb(), credentials, clientIp(req.headers ?? {}));
            return user ? { id: user.id, email: user.email, name: user.name, tenantId: user.tenantId } : null;
          } catch (err) {
            // next-auth passes an Error's message to the client as `error`: only stable codes go out.
            if (isAppError(err, "THROTTLED") || isAppError(err, "TENANT_SUSPENDED")) throw new Error(err.code);
            getLogger("auth").error({ err }, "sign-in failed");
            throw new Error("INTERNAL");
          }
        },
      }),
    ],
    callbacks: {
      jwt({ token, user }) {
        if (user) token.tenantId = (user as { tenantId?: string | null }).tenantId ?? null;
        return token;
      },
      session({ session, token }) {
        return { ...session, userId: token.sub, tenantId: token.tenantId ?? null };
      },
    },
  };
}
