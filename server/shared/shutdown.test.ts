// The stopping budget: each step must end inside the one that contains it, or the launcher's SIGKILL
// cuts off a worker that is still recording its jobs' outcomes (before: the worker waited for jobs
// without bound and gave itself 10 s, while the launcher killed it after 8 s).
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { CHILD_SHUTDOWN_TIMEOUT_MS, SHUTDOWN_GRACE_MS, WORKER_JOB_GRACE_MS } from "./shutdown";

/** After the grace period the queue's close() gives aborted handlers up to 1 s more. */
const QUEUE_ABORT_WAIT_MS = 1000;

describe("shutdown budget", () => {
  it("ends the worker's job grace, then the child's own deadline, before the launcher's SIGKILL", () => {
    expect(WORKER_JOB_GRACE_MS).toBeGreaterThan(0);
    expect(WORKER_JOB_GRACE_MS + QUEUE_ABORT_WAIT_MS).toBeLessThan(CHILD_SHUTDOWN_TIMEOUT_MS);
    expect(CHILD_SHUTDOWN_TIMEOUT_MS).toBeLessThan(SHUTDOWN_GRACE_MS);
  });

  it("is the one budget the supervisor and the worker use", () => {
    const supervisor = readFileSync(new URL("../launcher/supervisor.ts", import.meta.url), "utf8");
    expect(supervisor).toMatch(/opts\.timeoutMs \?\? SHUTDOWN_GRACE_MS/);
    const worker = readFileSync(new URL("../worker/main.ts", import.meta.url), "utf8");
    expect(worker).toMatch(/queue\.close\(\{ graceMs: WORKER_JOB_GRACE_MS \}\)/);
  });
});
