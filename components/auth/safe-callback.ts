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
  const path = url.pathname;
  if (path === "/" || path.startsWith("/sign-in") || path.startsWith("/sign-up") || path.startsWith("/api/")) return fallback;
  return `${path}${url.search}${url.hash}`;
}
