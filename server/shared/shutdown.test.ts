// The stopping budget: each step must end inside the one that contains it, or the launcher's SIGKILL
// cuts off a worker that is still recording its jobs' outcomes (before: the worker waited for jobs
// without bound and gave itself 10 s, while the launcher killed it after 8 s). The supervisor uses
// SHUTDOWN_GRACE_MS, the worker's queue.close() WORKER_JOB_GRACE_MS and then the queues' ABORT_WAIT_MS.
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
