// End-to-end tier: the production build (npm run build + npm start's launcher) on its own ports with a
// throwaway embedded database, driven through Debian's Chromium. Run: npx playwright test -c e2e/playwright.config.ts
import { defineConfig, devices } from "@playwright/test";
import path from "node:path";
import { BASE_URL, E2E, ROOT } from "./support/env";

const CI = Boolean(process.env.CI);
// Reuse a server that is already up on E2E_PORT instead of starting one. Never by default: whatever
// answers on the port would be tested instead (while writing this, a colleague's `next dev -p 3100`
// did, against their own database). Opt in with E2E_REUSE_SERVER=1, e.g. with
// `node --import tsx e2e/support/web-server.ts` left running in another terminal; E2E_PORT moves the port.
const REUSE = !CI && process.env.E2E_REUSE_SERVER === "1";
const OUT = path.join(ROOT, ".test-results");

export default defineConfig({
  testDir: ".",
  testMatch: "**/*.spec.ts",
  outputDir: path.join(OUT, "playwright-artifacts"),
  // Two cores: two browsers at once already keep the app server busy. CI: one. Two were measured on a
  // CI-sized box and took longer (~500 s of specs against ~390 s): Chromium's rendering and the app
  // saturate both cores, and each spec then ran twice as slowly.
  workers: CI ? 1 : 2,
  fullyParallel: false,
  // Never retried to green: a flaky spec is a bug in the spec or the app, and shows as a failure.
  retries: 0,
  forbidOnly: CI,
  // The production server answers in tens of milliseconds, but on a shared two-core box (load 10-19
  // while this was written) a page load can take 5-7 s and the longest spec ~70 s: generous limits,
  // so a busy machine is not reported as a failing product.
  timeout: 120_000,
  expect: { timeout: 15_000 },
  reporter: [["list"], ["html", { outputFolder: path.join(OUT, "playwright-report"), open: "never" }]],
  use: {
    baseURL: BASE_URL,
    // A failed spec keeps its trace: every action with the page's DOM before and after it, the network
    // and the console, plus a screenshot of the end (below). Not the trace's screencast: encoding a
    // frame for every paint took ~18% of the specs' time on two cores (agents + isolation specs: 105 s
    // with it, 86 s without, 84 s with no trace at all).
    trace: { mode: "retain-on-failure", screenshots: false },
    screenshot: "only-on-failure",
    video: "off",
    actionTimeout: 15_000,
    navigationTimeout: 45_000,
    locale: "en-US",
    timezoneId: "UTC",
  },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        viewport: { width: 1280, height: 900 },
        launchOptions: {
          executablePath: E2E.chromium,
          // Without the background-networking flags Chromium's own connections are refused on a
          // closed network and it stalls; no sandbox because CI runs as root.
          args: [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
          ],
        },
      },
    },
  ],
  webServer: {
    command: "node --import tsx e2e/support/web-server.ts",
    cwd: ROOT,
    // Ready = the launcher's banner, printed once migrations and the seed are done and the app, voice
    // server and worker all answer their health checks. Not /api/health alone: the launcher boots the
    // app alongside the database, so /api/health can answer 200 before the seed has run (seen here:
    // tests started 2 s before "seed" finished; roles.spec signs in as seeded users).
    // Playwright treats url and wait as a race (first wins), so only one of them can be used.
    ...(REUSE
      ? { url: `${BASE_URL}/api/health`, reuseExistingServer: true }
      : { wait: { stdout: /Frontdesk is ready \(production\)/ }, reuseExistingServer: false }),
    // A cold `next build` on two cores (35-50 s measured, more on a busy box) plus the launcher's
    // database, migrations and seed (~20 s).
    timeout: 300_000,
    stdout: "pipe",
    stderr: "pipe",
    // The launcher stops the app, voice server, worker and database on SIGTERM.
    gracefulShutdown: { signal: "SIGTERM", timeout: 15_000 },
  },
});
