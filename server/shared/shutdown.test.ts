// The stopping budget: each step must end inside the one that contains it, or the launcher's SIGKILL
// cuts off a worker that is still recording its jobs' outcomes (before: the worker waited for jobs
// without bound and gave itself 10 s, while the launcher killed it after 8 s). The supervisor uses
// SHUTDOWN_GRACE_MS, the worker's queue.close() WORKER_JOB_GRACE_MS and then the queues' ABORT_WAIT_MS.
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { ABORT_WAIT_MS } from "../../lib/providers/queue/within";
import { CHILD_SHUTDOWN_TIMEOUT_MS, SHUTDOWN_GRACE_MS, WORKER_JOB_GRACE_MS } from "./shutdown";

describe("shutdown budget", () => {
  it("ends the worker's job grace and the queue's abort wait before the child's own deadline", () => {
    expect(WORKER_JOB_GRACE_MS).toBeGreaterThan(0);
    expect(ABORT_WAIT_MS).toBeGreaterThan(0);
    expect(WORKER_JOB_GRACE_MS + ABORT_WAIT_MS).toBeLessThan(CHILD_SHUTDOWN_TIMEOUT_MS);
  });

  it("ends the child's own deadline before the launcher's SIGKILL", () => {
    expect(CHILD_SHUTDOWN_TIMEOUT_MS).toBeLessThan(SHUTDOWN_GRACE_MS);
  });
});

// A child process under tsx, as the servers run: start-up is cut short by what the shutdown closes.
async function startUpThatFails(stopFirst: boolean): Promise<{ code: number | null; lines: { level: number; msg: string }[] }> {
  const shutdown = fileURLToPath(new URL("./shutdown.ts", import.meta.url));
  const script = `
    const { default: pino } = await import("pino");
    const { failedToStart, onShutdown } = await import(${JSON.stringify(shutdown)});
    const log = pino();
    // The models' load keeps the process alive, as the speech threads do.
    setInterval(() => {}, 1000);
    let closeModels;
    const loading = new Promise((_, reject) => (closeModels = () => reject(new Error("ThreadedStt is closed"))));
    onShutdown(log, async () => {
      closeModels();
      await new Promise((r) => setTimeout(r, 50));
    });
    async function main() {
      ${stopFirst ? 'process.kill(process.pid, "SIGTERM");' : "setTimeout(() => closeModels(), 10);"}
      await loading;
    }
    main().catch((err) => failedToStart(log, "voice server failed to start", err));
  `;
  return new Promise((resolve) => {
    execFile(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], { timeout: 20_000 }, (error, stdout) => {
      const code = error ? ((error as { code?: number }).code ?? null) : 0;
      resolve({ code, lines: stdout.trim().split("\n").filter(Boolean).map((l) => JSON.parse(l) as { level: number; msg: string }) });
    });
  });
}

// Each test starts a child under tsx: seconds on a busy machine (4.2 s of vitest's default 5 s seen), so
// the bound is above the child's own 20 s timeout, which then reports a hang.
describe("a start-up cut short", { timeout: 30_000 }, () => {
  it("by a stop signal (a dev restart while the models load) exits 0 without a fatal line", async () => {
    const { code, lines } = await startUpThatFails(true);
    expect(code).toBe(0);
    expect(lines.map((l) => l.msg)).toEqual(["shutting down", "voice server failed to start: stopped during start-up", "stopped"]);
    expect(lines.some((l) => l.level >= 60)).toBe(false);
  });

  it("by anything else is fatal: the launcher sees the fatal line and exit 1", async () => {
    const { code, lines } = await startUpThatFails(false);
    expect(code).toBe(1);
    expect(lines).toEqual([expect.objectContaining({ level: 60, msg: "voice server failed to start" })]);
  });
});
