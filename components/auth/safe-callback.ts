/**
 * Whether signing in may return to this path: any page of the site except the home page (it only
 * redirects), the sign-in and sign-up pages, and the API. Shared with lib/tenant/sign-in-redirect.ts.
 */
export function isReturnPath(path: string): boolean {
  return !(path === "/" || path.startsWith("/sign-in") || path.startsWith("/sign-up") || path.startsWith("/api/"));
}

/**
 * Where to go after signing in: only a path on this site (next-auth may pass an absolute URL of
 * this origin). Anything else, including other hosts, goes to the fallback.
 */
export function safeCallbackUrl(raw: string | null | undefined, origin: string, fallback = "/overview"): string {
  if (!raw) return fallback;
  let url: URL;
  try {
    url = new URL(raw, origin);
  } catch {
    return fallback;
  }
  if (url.origin !== origin) return fallback;
  if (!isReturnPath(url.pathname)) return fallback;
  return `${url.pathname}${url.search}${url.hash}`;
}
