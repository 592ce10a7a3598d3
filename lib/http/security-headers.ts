// The security headers of every response. Pure (no env, no Next imports) so next.config.ts, proxy.ts
// and tests share it:
//   STATIC_SECURITY_HEADERS  the same on every response, static assets included (next.config headers())
//   responseSecurityHeaders  per request from proxy.ts: the CSP (nonce-based for pages) and HSTS

/** Browser features a page may use: the microphone for the in-browser test call, nothing else. */
export const PERMISSIONS_POLICY = [
  "microphone=(self)",
  "camera=()",
  "geolocation=()",
  "payment=()",
  "usb=()",
  "serial=()",
  "hid=()",
  "bluetooth=()",
  "midi=()",
  "accelerometer=()",
  "gyroscope=()",
  "magnetometer=()",
  "display-capture=()",
  "browsing-topics=()",
].join(", ");

export const STATIC_SECURITY_HEADERS: { key: string; value: string }[] = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  // Legacy twin of CSP frame-ancestors 'none', for browsers and scanners that only know this one.
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "Permissions-Policy", value: PERMISSIONS_POLICY },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
];

export type CspOptions = {
  /** Per-request nonce: Next reads it from the request's CSP header and puts it on its scripts. */
  nonce: string;
  /** `next dev` needs 'unsafe-eval' (React rebuilds server error stacks with eval); production does not. */
  dev: boolean;
  appUrl: string;
  /** Where the browser test call opens its WebSocket (the voice server). */
  voicePublicUrl: string;
};

/** ws(s):// origin of the voice server, whatever scheme VOICE_PUBLIC_URL was given in. */
export function voiceSocketOrigin(voicePublicUrl: string): string | undefined {
  try {
    const url = new URL(voicePublicUrl);
    const protocol = { "http:": "ws:", "https:": "wss:", "ws:": "ws:", "wss:": "wss:" }[url.protocol];
    return protocol ? `${protocol}//${url.host}` : undefined;
  } catch {
    return undefined;
  }
}

const isHttps = (appUrl: string) => appUrl.toLowerCase().startsWith("https:");

/**
 * The pages' policy: scripts only with this request's nonce, and what they load ('strict-dynamic'),
 * so an injected <script> or inline handler does not run. Styles stay 'unsafe-inline' because React
 * renders style attributes (charts, progress bars) that a nonce cannot cover.
 */
export function pageContentSecurityPolicy({ nonce, dev, appUrl, voicePublicUrl }: CspOptions): string {
  const voice = voiceSocketOrigin(voicePublicUrl);
  const directives = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self'${voice ? ` ${voice}` : ""}`,
    "media-src 'self' blob:",
    "worker-src 'self' blob:",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ];
  if (isHttps(appUrl)) directives.push("upgrade-insecure-requests");
  return directives.join("; ");
}

/** JSON answers load nothing and are never framed. */
export const API_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/** Two years, subdomains included; only when the app is served over HTTPS (never on plain-HTTP dev). */
export function strictTransportSecurity(appUrl: string): string | undefined {
  return isHttps(appUrl) ? "max-age=63072000; includeSubDomains" : undefined;
}

/** The per-request headers: CSP (the page policy when given a nonce, else the API one) and HSTS. */
export function responseSecurityHeaders(opts: Omit<CspOptions, "nonce"> & { nonce?: string }): Record<string, string> {
  const headers: Record<string, string> = {
    "Content-Security-Policy": opts.nonce ? pageContentSecurityPolicy({ ...opts, nonce: opts.nonce }) : API_CONTENT_SECURITY_POLICY,
  };
  const hsts = strictTransportSecurity(opts.appUrl);
  if (hsts) headers["Strict-Transport-Security"] = hsts;
  return headers;
}

/** 128 random bits, base64: unguessable per response. */
export function createNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}
