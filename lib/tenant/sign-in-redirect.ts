// Where a signed-out page visit is sent: /sign-in?callbackUrl=<the page>, so signing in comes back to
// it. Server components do not know their own path; proxy.ts passes it in the REQUEST_PATH_HEADER
// (pathname + search). Only a same-site path is kept (the sign-in form checks again with
// safeCallbackUrl, by the same isReturnPath rule); anything else signs in to the default page.
import { isReturnPath } from "@/components/auth/safe-callback";

const MAX_PATH = 2_000;

/** A path on this site, or null: "/x" yes; "//evil", "/\evil", "https://evil", control characters no. */
export function sameSitePath(raw: string | null | undefined): string | null {
  if (!raw || raw.length > MAX_PATH || !raw.startsWith("/")) return null;
  if (raw.startsWith("//") || raw.startsWith("/\\") || /[\u0000-\u001f\u007f\\]/.test(raw)) return null;
  return isReturnPath(raw) ? raw : null;
}

export function signInRedirectPath(reason: "UNAUTHENTICATED" | "TENANT_SUSPENDED", requestedPath: string | null | undefined): string {
  if (reason === "TENANT_SUSPENDED") return "/sign-in?error=TENANT_SUSPENDED";
  const back = sameSitePath(requestedPath);
  return back ? `/sign-in?callbackUrl=${encodeURIComponent(back)}` : "/sign-in";
}
