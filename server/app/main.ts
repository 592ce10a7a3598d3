// The web app process: Next.js behind our own HTTP server (instead of `next dev` / `next start`), so
// the app knows each request's real peer address (see http-server.ts). The launcher runs it in both
// modes: NODE_ENV=production serves the build in .next/, anything else is `next dev` (Turbopack, HMR).
import path from "node:path";
import { fileURLToPath } from "node:url";
import next from "next";
import { getEnv, requireAuthSecret } from "../../lib/env";
import { getLogger } from "../../lib/logger";
import { failedToStart, onShutdown } from "../shared/shutdown";
import { createAppHttpServer, listen, type AppRequestHandler } from "./http-server";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

async function main(): Promise<void> {
  // Before anything parses the environment, here or in the app's bundles (same process, same
  // process.env): this process overwrites x-frontdesk-client-ip, so lib/auth/client-ip.ts may read it.
  process.env.FRONTDESK_APP_SERVER = "1";
  const env = getEnv();
  // Fail at start, naming AUTH_SECRET, rather than at the first sign-in.
  requireAuthSecret();
  const log = getLogger("app");
  // No exitOnFatal here: Next logs a page's unhandled rejection and carries on, as `next start` does;
  // one bad request must not take the whole app down.
  const dev = env.NODE_ENV !== "production";

  const server = createAppHttpServer({
    trustedHops: env.TRUSTED_PROXY_HOPS,
    handler: (req, res) => handle(req, res), // the server listens only once `handle` exists
    onError: (err, req) => log.error({ err, url: req.url }, "request failed"),
  });
  // httpServer: Next attaches its upgrade listener (dev HMR) to this server on the first request.
  const app = next({ dev, dir: ROOT, hostname: "localhost", port: env.PORT, httpServer: server });
  await app.prepare();
  const handle: AppRequestHandler = app.getRequestHandler();

  onShutdown(log, async () => {
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    await Promise.all([closed, app.close()]);
  });

  const port = await listen(server, env.PORT);
  log.info({ port, dev, trustedProxyHops: env.TRUSTED_PROXY_HOPS }, `app listening on http://localhost:${port}`);
}

main().catch((err: unknown) => failedToStart(getLogger("app"), "app server failed to start", err));
