// The dashboard's sockets on the voice server: the browser test call and the chat with an agent.
// Both are checked (Origin + test-call token) before the handshake; see protocol.ts for the wire format.
import type { Logger } from "pino";
import { BROWSER_CALL_PATH, BROWSER_CHAT_PATH } from "../../../lib/calls/test-call-paths";
import type { UpgradeRoute } from "../http-server";
import type { Pacer } from "../pacer";
import { BrowserCallStream, type OpenBrowserCall } from "./browser-call";
import { handleBrowserChat, type OpenBrowserChat } from "./browser-chat";
import { createBrowserAuth, type BrowserAuthOptions } from "./socket-auth";

export interface BrowserRoutesDeps extends BrowserAuthOptions {
  logger: Logger;
  pacer: Pacer;
  openCall: OpenBrowserCall;
  openTextCall: OpenBrowserChat;
}

export function browserRoutes(deps: BrowserRoutesDeps): UpgradeRoute[] {
  const auth = createBrowserAuth(deps);
  const logger = deps.logger.child({ part: "browser" });
  return [
    {
      path: BROWSER_CALL_PATH,
      verify: auth.verify,
      onConnection: (ws, req) => void new BrowserCallStream(ws, auth.callerOf(req), { logger, pacer: deps.pacer, openCall: deps.openCall }),
    },
    {
      path: BROWSER_CHAT_PATH,
      verify: auth.verify,
      onConnection: (ws, req) => handleBrowserChat(ws, auth.callerOf(req), { logger, openTextCall: deps.openTextCall }),
    },
  ];
}
