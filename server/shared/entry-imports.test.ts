// The voice server and worker run under plain tsx, outside React's server bundle, where a module that
// says `import "server-only"` throws at import (vitest aliases it away, so the other tests cannot see
// this). Import what each process loads, in a real child process, and expect no error.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");
const modules = ["lib/jobs/register-jobs.ts", "server/voice/http-server.ts", "lib/providers/queue/index.ts"];

describe("modules the voice server and worker load", () => {
  it.each(modules)("%s imports outside the React server bundle", (file) => {
    const url = pathToFileURL(path.join(root, file)).href;
    const child = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", `await import(${JSON.stringify(url)})`], {
      cwd: root,
      encoding: "utf8",
      env: { ...process.env, NODE_ENV: "test" },
      timeout: 60_000,
    });
    expect(child.stderr).not.toMatch(/cannot be imported from a Client Component|Error/);
    expect(child.status).toBe(0);
    // A cold tsx import of the job registry took ~8 s on a loaded 2-core machine: the child's own limit applies.
  }, 60_000);
});
