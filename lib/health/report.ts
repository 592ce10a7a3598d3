// The one health JSON shape served by the app, the voice server and the worker:
// { status: "ok"|"degraded", service, uptimeSec, checks: { <name>: { status, latencyMs, error?, ... } } }
// HTTP 503 when any dependency is down (all checked dependencies are required), else 200.
import type { CheckResult } from "./checks";

export type HealthService = "app" | "voice" | "worker";

export interface HealthReport {
  status: "ok" | "degraded";
  service: HealthService;
  uptimeSec: number;
  checks: Record<string, CheckResult>;
}

export type HealthChecks = Record<string, () => Promise<CheckResult>>;

export async function buildHealthReport(
  service: HealthService,
  checks: HealthChecks,
): Promise<{ httpStatus: 200 | 503; body: HealthReport }> {
  const names = Object.keys(checks);
  const results = await Promise.all(
    names.map((name) =>
      checks[name]!().catch(
        (err: unknown): CheckResult => ({ status: "down", latencyMs: 0, error: err instanceof Error ? err.message : String(err) }),
      ),
    ),
  );
  const byName = Object.fromEntries(names.map((name, i) => [name, results[i]!]));
  const down = results.some((r) => r.status === "down");
  const allOk = results.every((r) => r.status === "ok");
  return {
    httpStatus: down ? 503 : 200,
    body: { status: allOk ? "ok" : "degraded", service, uptimeSec: Math.round(process.uptime()), checks: byName },
  };
}
