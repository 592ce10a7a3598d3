// The voice server's call transports as WebSocket routes (the internal events socket is mounted
// beside them in main.ts). Unknown paths are answered 404 by http-server.ts.
import type { Logger } from "pino";
import type { UpgradeRoute } from "./http-server";
import type { Pacer } from "./pacer";
import { twilioMediaStreamRoute, type OnTransfer, type OpenCall } from "./twilio/media-stream";

export interface VoiceDeps {
  logger: Logger;
  /** Loads a call and builds its session. */
  openCall: OpenCall;
  /** The engine asked to transfer a call: the telephony layer redirects it. */
  onTransfer?: OnTransfer;
  /** The process's one outbound tick, shared by every audio transport. */
  pacer: Pacer;
}

export function createUpgradeRoutes(deps: VoiceDeps): UpgradeRoute[] {
  return [twilioMediaStreamRoute({ logger: deps.logger, pacer: deps.pacer, openCall: deps.openCall, onTransfer: deps.onTransfer })];
}
