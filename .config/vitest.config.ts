// Test tiers (see CONVENTIONS "Tests tier by what they depend on"):
//   unit               *.test.ts              no services
//   integration        *.int.test.ts          real PostgreSQL / Redis, each test manages its own
//   db-postgres        *.db.test.ts           the domain suite on a fresh PostgreSQL database per run
//   db-pglite          *.db.test.ts           the same suite on the embedded PGlite (served over the wire)
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const root = fileURLToPath(new URL("..", import.meta.url));
const ignore = ["**/node_modules/**", "**/.next/**", "e2e/**", ".data/**"];
const alias = { "@": root, "server-only": fileURLToPath(new URL("../lib/test/empty-module.ts", import.meta.url)) };

const dbProject = (name: string, kind: "postgres" | "pglite") => ({
  extends: true as const,
  test: {
    name,
    include: ["**/*.db.test.ts"],
    exclude: ignore,
    env: { TEST_DB_KIND: kind },
    globalSetup: ["lib/test/db-global-setup.ts"],
    setupFiles: ["lib/test/db-setup.ts"],
    // One database per project run: files share it, so run them one after another.
    fileParallelism: false,
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
      { extends: true, test: { name: "unit", include: ["**/*.test.ts"], exclude: [...ignore, "**/*.int.test.ts", "**/*.db.test.ts"] } },
      {
        extends: true,
        test: { name: "integration", include: ["**/*.int.test.ts"], exclude: ignore, testTimeout: 30_000, hookTimeout: 60_000 },
      },
      dbProject("db-postgres", "postgres"),
      dbProject("db-pglite", "pglite"),
    ],
  },
});
