// Minimal HTTP routing for the companion servers (voice, worker): exact "METHOD /path" routes with
// JSON responses. Anything richer belongs in the Next.js app.
import type { IncomingMessage, RequestListener, ServerResponse } from "node:http";
import type { Logger } from "pino";
import type { HealthChecks, HealthReportOptions, HealthService } from "../../lib/health/report";
import { buildHealthReport } from "../../lib/health/report";

export type RouteHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void> | void;

/** Keys are "GET /health"-style: method, one space, exact path (query strings are ignored). */
export type Routes = Record<string, RouteHandler>;

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    "content-type": "application/json; charset=utf-8",
    "content-length": Buffer.byteLength(text),
    "cache-control": "no-store",
  });
  res.end(text);
}

export function pathOf(req: IncomingMessage): string {
  return new URL(req.url ?? "/", "http://localhost").pathname;
}

export function createRequestListener(routes: Routes, log: Logger): RequestListener {
  return (req, res) => {
    const path = pathOf(req);
    const handler = routes[`${req.method} ${path}`];
    if (!handler) {
      const other = Object.keys(routes).some((key) => key.endsWith(` ${path}`));
      sendJson(res, other ? 405 : 404, {
        error: other
          ? { code: "METHOD_NOT_ALLOWED", message: `${req.method} is not allowed on ${path}` }
          : { code: "NOT_FOUND", message: `No route for ${req.method} ${path}` },
      });
      return;
    }
    Promise.resolve()
      .then(() => handler(req, res))
      .catch((err: unknown) => {
        log.error({ err, path }, "request handler failed");
        if (!res.headersSent) sendJson(res, 500, { error: { code: "INTERNAL", message: "Internal error" } });
        else res.destroy();
      });
  };
}

export function healthRoute(service: HealthService, checks: HealthChecks, opts?: HealthReportOptions): RouteHandler {
  return async (_req, res) => {
    const { httpStatus, body } = await buildHealthReport(service, checks, opts);
    sendJson(res, httpStatus, body);
  };
}
