// Who may open a browser socket: checked before the WebSocket handshake completes. The Origin must be
// the app's (APP_URL, or ALLOWED_ORIGINS as for the app's CSRF check; a page on another site could otherwise open the socket with a token it got hold of:
// cross-site WebSocket hijacking), and the query carries a valid test-call token naming an agent plus
// the call id the app created. Whether that call belongs to the token's tenant and agent is the
// call runtime's check when it opens the call.
import type { IncomingMessage } from "node:http";
import { resourceId } from "../../../lib/http/params";
import { browserTokenFromUrl, verifyBrowserToken } from "../../../lib/realtime/browser-token";
import type { UpgradeVerdict } from "../http-server";

export interface BrowserCaller {
  tenantId: string;
  userId: string;
  agentId: string;
  callId: string;
}

export interface BrowserAuthOptions {
  /** The app's origins (lib/http/csrf.ts allowedOrigins). */
  allowedOrigins: ReadonlySet<string>;
  /** Tests inject a secret or clock. */
  verify?: typeof verifyBrowserToken;
}

export function createBrowserAuth(opts: BrowserAuthOptions) {
  const verify = opts.verify ?? verifyBrowserToken;
  // The verified caller, from verify() to onConnection() of the same request.
  const callers = new WeakMap<IncomingMessage, BrowserCaller>();

  function check(req: IncomingMessage): UpgradeVerdict {
    const origin = req.headers.origin;
    if (!origin || !opts.allowedOrigins.has(origin)) return { ok: false, status: 403, message: "Origin not allowed" };
    const result = verify(browserTokenFromUrl(req.url), { purpose: "test-call" });
    if (!result.ok || !result.claims.agentId) return { ok: false, status: 401, message: "Invalid or expired token" };
    const callId = resourceId.safeParse(new URL(req.url ?? "/", "http://voice.invalid").searchParams.get("callId"));
    if (!callId.success) return { ok: false, status: 400, message: "callId is missing" };
    const { tenantId, userId, agentId } = result.claims;
    callers.set(req, { tenantId, userId, agentId, callId: callId.data });
    return { ok: true };
  }

  return {
    verify: (req: IncomingMessage) => Promise.resolve(check(req)),
    /** The caller verify() accepted for this request. */
    callerOf(req: IncomingMessage): BrowserCaller {
      const caller = callers.get(req);
      if (!caller) throw new Error("browser socket accepted without verification");
      return caller;
    },
  };
}
