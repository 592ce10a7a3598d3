// The voice server's call transports as WebSocket routes (the internal events socket is mounted
// beside them in main.ts). Unknown paths are answered 404 by http-server.ts.
import type { Logger } from "pino";
import type { UpgradeRoute } from "./http-server";
import { browserRoutes } from "./browser/routes";
import type { OpenBrowserCall } from "./browser/browser-call";
import type { OpenBrowserChat } from "./browser/browser-chat";
import type { Pacer } from "./pacer";
import { twilioMediaStreamRoute, type OnTransfer, type OpenCall } from "./twilio/media-stream";
import type { PhoneCallControl } from "../../lib/telephony/call-control";

export interface VoiceDeps {
  logger: Logger;
  /** Loads a call and builds its session. */
  openCall: OpenCall;
  /** The engine asked to transfer a call: the telephony layer redirects it. */
  onTransfer?: OnTransfer;
  /** Twilio REST hang-up and transfer; absent without Twilio keys. */
  callControl?: PhoneCallControl;
  /** The process's one outbound tick, shared by every audio transport. */
  pacer: Pacer;
  /** The dashboard's test call and chat (/browser/call, /browser/chat); off when absent. */
  browser?: { allowedOrigins: ReadonlySet<string>; openCall: OpenBrowserCall; openTextCall: OpenBrowserChat };
}

export function createUpgradeRoutes(deps: VoiceDeps): UpgradeRoute[] {
  return [
    twilioMediaStreamRoute({ logger: deps.logger, pacer: deps.pacer, openCall: deps.openCall, onTransfer: deps.onTransfer, callControl: deps.callControl }),
    ...(deps.browser ? browserRoutes({ logger: deps.logger, pacer: deps.pacer, ...deps.browser }) : []),
  ];
}
