// The WebSocket endpoints of the voice server. Mount a transport by adding its route here, e.g.
//   { path: "/twilio/media-stream", onConnection: (ws, req) => handleTwilioStream(ws, req, deps) }
// Unknown paths are answered 404 by http-server.ts.
import type { Logger } from "pino";
import type { Db } from "../../lib/db/client";
import type { UpgradeRoute } from "./http-server";
import { createPacer, type Pacer } from "./pacer";
import { twilioMediaStreamRoute, type OnTransfer, type OpenCall } from "./twilio/media-stream";

export interface VoiceDeps {
  db: Db;
  logger: Logger;
  /** Loads a call and builds its session (the Twilio media stream cannot be served without it). */
  openCall?: OpenCall;
  /** The engine asked to transfer a call: the telephony layer redirects it. */
  onTransfer?: OnTransfer;
  /** The process's one outbound tick, shared by every audio transport. Created here if not given. */
  pacer?: Pacer;
}

export function createUpgradeRoutes(deps: VoiceDeps): UpgradeRoute[] {
  const routes: UpgradeRoute[] = [];
  const pacer = deps.pacer ?? createPacer({ logger: deps.logger });
  if (deps.openCall) {
    routes.push(twilioMediaStreamRoute({ logger: deps.logger, pacer, openCall: deps.openCall, onTransfer: deps.onTransfer }));
  } else {
    deps.logger.warn("no openCall wired: /twilio/media-stream is not mounted");
  }
  return routes;
}
