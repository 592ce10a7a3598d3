// The voice server process: GET /health and the WebSocket upgrade routes on VOICE_PORT.
import { platformDb } from "../../lib/tenant/platform-db";
import { getEnv, requireAuthSecret } from "../../lib/env";
import { checkDatabase, checkRedis } from "../../lib/health/checks";
import { healthDetailAllowed } from "../../lib/health/report";
import { getLogger } from "../../lib/logger";
import { healthRoute } from "../shared/http";
import { exitOnFatal, onShutdown } from "../shared/shutdown";
import { createVoiceHttpServer } from "./http-server";
import { createUpgradeRoutes } from "./upgrade-routes";

async function main(): Promise<void> {
  const env = getEnv();
  const log = getLogger("voice");
  exitOnFatal(log);
  requireAuthSecret(env); // fail at start, not at the first call that needs it
  // Unscoped: a call finds its tenant from the called number, then works through
  // scopedDb(systemScope(tenantId, { reason: "voice-call" }), db).
  const db = platformDb("process");

  const voice = createVoiceHttpServer({
    logger: log,
    routes: {
      // Twilio reaches this port from the internet: in production /health says status only.
      "GET /health": healthRoute(
        "voice",
        { database: () => checkDatabase({ db }), redis: () => checkRedis() },
        { detail: healthDetailAllowed(env.NODE_ENV) },
      ),
    },
    upgradeRoutes: createUpgradeRoutes({ db, logger: log }),
  });

  onShutdown(log, async () => {
    await voice.close();
    await db.$disconnect();
  });

  const port = await voice.listen(env.VOICE_PORT);
  log.info({ port, publicUrl: env.VOICE_PUBLIC_URL }, "voice server listening");
}

main().catch((err: unknown) => {
  getLogger("voice").fatal({ err }, "voice server failed to start");
  process.exit(1);
});
