// The voice server process: GET /health and the WebSocket upgrade routes on VOICE_PORT.
import { getDb } from "../../lib/db/client";
import { getEnv } from "../../lib/env";
import { checkDatabase, checkRedis } from "../../lib/health/checks";
import { getLogger } from "../../lib/logger";
import { healthRoute } from "../shared/http";
import { exitOnFatal, onShutdown } from "../shared/shutdown";
import { createVoiceHttpServer } from "./http-server";
import { createUpgradeRoutes } from "./upgrade-routes";

async function main(): Promise<void> {
  const env = getEnv();
  const log = getLogger("voice");
  exitOnFatal(log);
  const db = getDb();

  const voice = createVoiceHttpServer({
    logger: log,
    routes: { "GET /health": healthRoute("voice", { database: () => checkDatabase({ db }), redis: () => checkRedis() }) },
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
