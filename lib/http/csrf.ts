// CSRF defence for cookie-authenticated mutations: the browser must say the request comes from an
// allowed origin (Origin, or Referer when a browser omits Origin). The allowed origins are APP_URL's
// and ALLOWED_ORIGINS, all from configuration: never Host or X-Forwarded-Host, which the client (or
// any proxy in between) can set to the attacker's own origin. The session cookie is also SameSite=Lax.
import { AppError } from "../errors";
import { getEnv, type Env } from "../env";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

function originOf(value: string | null): string | null {
  if (!value) return null;
  try {
    return new URL(value).origin;
  } catch {
    return null;
  }
}

export function allowedOrigins(env: Pick<Env, "APP_URL" | "ALLOWED_ORIGINS"> = getEnv()): Set<string> {
  return new Set([new URL(env.APP_URL).origin, ...env.ALLOWED_ORIGINS]);
}

export function assertSameOrigin(req: Request): void {
  if (SAFE_METHODS.has(req.method)) return;
  const source = originOf(req.headers.get("origin")) ?? originOf(req.headers.get("referer"));
  if (!source || !allowedOrigins().has(source) || req.headers.get("sec-fetch-site") === "cross-site") {
    throw new AppError("CSRF_FAILED", "Cross-site request refused: send it from the Frontdesk app");
  }
}
