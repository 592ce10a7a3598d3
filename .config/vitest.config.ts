// Test tiers (see CONVENTIONS "Tests tier by what they depend on"):
//   unit               *.test.ts              no services
//   integration        *.int.test.ts          real PostgreSQL / Redis, each test manages its own
//   db-postgres        *.db.test.ts           the domain suite on a fresh PostgreSQL database per run
//   db-pglite          *.db.test.ts           the same suite on the embedded PGlite (served over the wire)
import { readdirSync, readFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const root = fileURLToPath(new URL("..", import.meta.url));
const ignore = ["**/node_modules/**", "**/.next/**", "e2e/**", ".data/**"];
const alias = { "@": root, "server-only": fileURLToPath(new URL("../lib/test/empty-module.ts", import.meta.url)) };

/** Every test file under the root (outside the ignored folders), as root-relative paths. */
function testFiles(dir = root, out: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) {
      if (!["node_modules", ".next", ".git", ".data", ".test-data", "e2e"].includes(entry.name)) testFiles(path.join(dir, entry.name), out);
    } else if (/\.test\.tsx?$/.test(entry.name)) out.push(path.relative(root, path.join(dir, entry.name)));
  }
  return out;
}

// The domain suite runs its files one after another on one database, and re-importing the app's module
// graph for each file was most of its time (~150 of ~600 s per database, with the files' own set-up
// more). So files share one module graph (isolate: false), except those that change what modules
// read once: the environment (getEnv() parses it on first use, providers are built from it) or module
// mocks. Those run isolated, on a database of their own. Found by reading the files, so a new such
// file is isolated without anyone listing it. The unit tier is split the same way: its import time
// (each file re-importing its module graph) was ~210 s of worker time per run.
const CHANGES_PROCESS_STATE = /process\.env(\.[A-Z_]+|\[[^\]]+\])\s*=[^=]|delete process\.env|vi\.(mock|doMock|hoisted|stubEnv|stubGlobal)\(|parseEnv\(/;
const changesProcessState = testFiles().filter((f) => CHANGES_PROCESS_STATE.test(readFileSync(path.join(root, f), "utf8")));
const isolatedDbFiles = changesProcessState.filter((f) => f.endsWith(".db.test.ts"));
const isolatedUnitFiles = changesProcessState.filter((f) => f.endsWith(".test.ts") && !/\.(db|int)\.test\.ts$/.test(f));

const dbProject = (name: string, kind: "postgres" | "pglite", isolated: boolean) => ({
  extends: true as const,
  test: {
    name: isolated ? `${name}-isolated` : name,
    include: isolated ? isolatedDbFiles : ["**/*.db.test.ts"],
    exclude: isolated ? ignore : [...ignore, ...isolatedDbFiles],
    env: { TEST_DB_KIND: kind },
    globalSetup: ["lib/test/db-global-setup.ts"],
    setupFiles: ["lib/test/db-setup.ts"],
    // One database per project run: files share it, so run them one after another.
    fileParallelism: false,
    // Vitest runs projects with different worker counts in separate groups: one command can then take
    // these with the unit or integration project (npm run test:integration), after them.
    sequence: { groupOrder: 1 },
    isolate: isolated,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});

export default defineConfig({
  root,
  resolve: { alias },
  test: {
    // Vitest's default (cores - 1) ran one file at a time on 2 cores, yet the integration files mostly
    // wait (queues, timers, child processes): three at once took the unit + integration run from
    // ~200 s to ~120 s on this 2-core machine with no new failures. The db projects stay sequential.
    maxWorkers: Math.max(3, availableParallelism() - 1),
    // Vitest's 5 s default is a speed assertion on a shared machine: a CPU-bound unit test that takes
    // 3.5 s on a quiet box took 8.8 s in a full run on a slower one (2026-12-02). A hang still fails.
    testTimeout: 20_000,
    // lib/env.ts has no built-in session secret: tests get their own (never used outside tests).
    env: {
      NODE_ENV: "test",
      LOG_LEVEL: "silent",
      AUTH_SECRET: "frontdesk-test-secret-only-for-vitest-runs-0001",
      // Tests sign webhooks like Twilio with this (and never touch .data/twilio-auth-token).
      TWILIO_AUTH_TOKEN: "frontdesk-test-twilio-token-only-for-vitest-0001",
      // Passwords hash at N=2^12 instead of 2^17: ~30x less CPU for the few hundred sign-ins and sign-ups
      // of the suite. lib/auth/password.test.ts checks the real default; production refuses below 17.
      PASSWORD_SCRYPT_LOG2N: "12",
    },
    projects: [
      { extends: true, test: { name: "unit", include: ["**/*.test.ts"], exclude: [...ignore, "**/*.int.test.ts", "**/*.db.test.ts", ...isolatedUnitFiles], isolate: false } },
      { extends: true, test: { name: "unit-isolated", include: isolatedUnitFiles, exclude: ignore } },
      {
        extends: true,
        test: { name: "integration", include: ["**/*.int.test.ts"], exclude: ignore, testTimeout: 30_000, hookTimeout: 60_000 },
      },
      dbProject("db-postgres", "postgres", false),
      dbProject("db-postgres", "postgres", true),
      dbProject("db-pglite", "pglite", false),
      dbProject("db-pglite", "pglite", true),
    ],
  },
});
