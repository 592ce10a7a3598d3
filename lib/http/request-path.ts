// The header proxy.ts sets on every page request: the requested path + query ("/agents/abc?tab=hours").
// Server components read it (next/headers) to send a signed-out visitor back there after sign-in.
// proxy.ts always overwrites it, but treat it as a path to validate, never as a URL to follow blindly.
export const REQUEST_PATH_HEADER = "x-frontdesk-path";
