// CSRF defence for cookie-authenticated mutations: the browser must say the request comes from our
// own origin (Origin, or Referer when a browser omits Origin). The session cookie is also SameSite=Lax.
import { AppError } from "../errors";
import { getEnv } from "../env";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

function originOf(value: string | null): string | null {
  if (!value) return null;
  try {
    return new URL(value).origin;
  } catch {
    return null;
  }
}

export function assertSameOrigin(req: Request): void {
  if (SAFE_METHODS.has(req.method)) return;
  const source = originOf(req.headers.get("origin")) ?? originOf(req.headers.get("referer"));
  const host = req.headers.get("x-forwarded-host") ?? req.headers.get("host");
  const allowed = new Set([new URL(getEnv().APP_URL).origin]);
  if (host) {
    allowed.add(`http://${host}`);
    allowed.add(`https://${host}`);
  }
  if (!source || !allowed.has(source) || req.headers.get("sec-fetch-site") === "cross-site") {
    throw new AppError("CSRF_FAILED", "Cross-site request refused: send it from the Frontdesk app");
  }
}
