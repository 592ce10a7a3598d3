// The one health JSON shape served by the app, the voice server and the worker:
// { status: "ok"|"degraded", service, uptimeSec, checks: { <name>: { status, latencyMs, error?, ... } } }
// HTTP 503 when any dependency is down (all checked dependencies are required), else 200. A check that
// is "not_used" (not configured) counts like "ok".
import { getEnv } from "../env";
import type { CircuitSnapshot } from "../providers/circuit-breaker";
import { selectProviders, type ProviderSelection } from "../providers/selection";
import type { CheckResult } from "./checks";

export type HealthService = "app" | "voice" | "worker";

export interface HealthReport {
  status: "ok" | "degraded";
  service: HealthService;
  uptimeSec: number;
  checks: Record<string, CheckResult>;
  /** Which provider serves each capability (llm, stt, tts, embeddings, telephony); with detail only. */
  providers?: ProviderSelection;
  /** Vendor circuit breakers by capability (e.g. tts: ElevenLabs), where the process has them; with detail only. */
  circuits?: Partial<Record<keyof ProviderSelection, CircuitSnapshot>>;
  /** Process figures worth watching (the voice server's pacing clock); with detail only. */
  figures?: Record<string, unknown>;
}

export type HealthChecks = Record<string, () => Promise<CheckResult>>;

export interface HealthReportOptions {
  /**
   * Default true. false: each check says only { status, latencyMs }: no error text, migration names or
   * modes, which tell an outsider what to attack. For endpoints the public can reach in production.
   */
  detail?: boolean;
  /**
   * This process's vendor circuit breakers (the voice server's speech providers). One not closed makes
   * the status "degraded" (calls go on with the fallback), never a 503.
   */
  circuits?: () => Partial<Record<keyof ProviderSelection, CircuitSnapshot>>;
  /** Figures shown with detail (informational: they never change the status). */
  figures?: () => Record<string, unknown>;
}

export async function buildHealthReport(
  service: HealthService,
  checks: HealthChecks,
  opts: HealthReportOptions = {},
): Promise<{ httpStatus: 200 | 503; body: HealthReport }> {
  const names = Object.keys(checks);
  const results = await Promise.all(
    names.map((name) =>
      checks[name]!().catch(
        (err: unknown): CheckResult => ({ status: "down", latencyMs: 0, error: err instanceof Error ? err.message : String(err) }),
      ),
    ),
  );
  const shown = opts.detail === false ? results.map(({ status, latencyMs }): CheckResult => ({ status, latencyMs })) : results;
  const byName = Object.fromEntries(names.map((name, i) => [name, shown[i]!]));
  const down = results.some((r) => r.status === "down");
  const circuits = opts.circuits?.() ?? {};
  const allOk = results.every((r) => r.status === "ok" || r.status === "not_used") && Object.values(circuits).every((c) => c.state === "closed");
  return {
    httpStatus: down ? 503 : 200,
    body: {
      status: allOk ? "ok" : "degraded",
      service,
      uptimeSec: Math.round(process.uptime()),
      checks: byName,
      ...(opts.detail !== false && { providers: selectProviders(getEnv()) }),
      ...(opts.detail !== false && Object.keys(circuits).length > 0 && { circuits }),
      ...(opts.detail !== false && opts.figures && { figures: opts.figures() }),
    },
  };
}

/** Whether a health endpoint may show details: always in development and tests, in production only on loopback. */
export function healthDetailAllowed(nodeEnv: string, host?: string): boolean {
  if (nodeEnv !== "production") return true;
  return host !== undefined && /^(127\.\d+\.\d+\.\d+|::1|localhost)$/.test(host);
}
