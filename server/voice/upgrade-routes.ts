// The WebSocket endpoints of the voice server. Mount a transport by adding its route here, e.g.
//   { path: "/twilio/media-stream", onConnection: (ws, req) => handleTwilioStream(ws, req, deps) }
// Unknown paths are answered 404 by http-server.ts.
import type { Logger } from "pino";
import type { Db } from "../../lib/db/client";
import type { UpgradeRoute } from "./http-server";

export interface VoiceDeps {
  db: Db;
  logger: Logger;
}

export function createUpgradeRoutes(_deps: VoiceDeps): UpgradeRoute[] {
  return [];
}
