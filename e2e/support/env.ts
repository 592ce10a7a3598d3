// Where the e2e tier runs the app: its own ports and a throwaway embedded database, so a developer's
// `npm run dev` (3000/8080/8081/54329, .data/pglite) keeps running alongside. Each can be overridden
// with an E2E_* variable (e.g. E2E_PORT=3200) when something else already holds the default.
import path from "node:path";
import { fileURLToPath } from "node:url";

const num = (name: string, fallback: number): number => {
  const raw = process.env[name];
  const value = raw ? Number(raw) : fallback;
  if (!Number.isInteger(value) || value < 1 || value > 65535) throw new Error(`${name} must be a port number, got "${raw}"`);
  return value;
};

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

export const E2E = {
  port: num("E2E_PORT", 3100),
  voicePort: num("E2E_VOICE_PORT", 8190),
  workerPort: num("E2E_WORKER_PORT", 8191),
  dbPort: num("E2E_DB_PORT", 54339),
  /** The throwaway embedded database's password (fixed, so specs can connect; never the developer's). */
  dbPassword: "frontdesk-e2e-db-password-0001",
  /** Relative to the repository root; deleted before every server start. */
  dbDir: ".test-data/e2e-pglite",
  /** Relative to the repository root: stored files (recordings, uploads), never the developer's .data/storage. */
  storageDir: ".test-data/e2e-storage",
  chromium: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
} as const;

export const BASE_URL = `http://localhost:${E2E.port}`;
/** For specs that write straight into the e2e server's database. */
export const DB_URL = `postgresql://postgres:${E2E.dbPassword}@127.0.0.1:${E2E.dbPort}/postgres`;

/** The environment the launcher runs with (lib/env.ts names). */
export function serverEnv(): Record<string, string> {
  return {
    NODE_ENV: "production",
    PORT: String(E2E.port),
    VOICE_PORT: String(E2E.voicePort),
    WORKER_PORT: String(E2E.workerPort),
    EMBEDDED_DB_PORT: String(E2E.dbPort),
    EMBEDDED_DB_DIR: E2E.dbDir,
    STORAGE_DIR: E2E.storageDir,
    // Fixed, so neither the launcher nor db:reset reads or writes the developer's .data/embedded-db-password.
    EMBEDDED_DB_PASSWORD: E2E.dbPassword,
    APP_URL: BASE_URL,
    VOICE_PUBLIC_URL: `ws://localhost:${E2E.voicePort}`,
    // Empty, not unset: the launcher fills unset variables from .env files, and a developer's .env may
    // point DATABASE_URL at their own database or REDIS_URL at a shared Redis. "" means "not set" to
    // lib/env.ts, so the e2e server always uses the throwaway embedded database (which also holds the
    // job queue).
    DATABASE_URL: "",
    REDIS_URL: "",
    // No mail server: team invites show their link in the UI (what e2e/team.spec.ts follows).
    SMTP_URL: "",
    // Fixed, so the launcher neither reads nor writes the developer's .data/auth-secret.
    AUTH_SECRET: "frontdesk-e2e-secret-only-for-playwright-runs-0001",
    // Required in production mode (the e2e server runs `start`); fixed for the same reason.
    TWILIO_AUTH_TOKEN: "frontdesk-e2e-twilio-token-only-for-playwright-0001",
    // Every Playwright browser comes from loopback: the per-IP sign-in/sign-up limits would otherwise
    // refuse the suite's own accounts. Per-email and fleet-wide limits still apply.
    RATE_LIMIT_EXEMPT_IPS: "127.0.0.1,::1",
    LOG_LEVEL: process.env.E2E_LOG_LEVEL ?? "warn",
    NEXT_TELEMETRY_DISABLED: "1",
  };
}

/** The seeded demo accounts (prisma/seed.ts DEMO_LOGINS). */
export const DEMO = {
  owner: { email: "owner@brightsmile.example", password: "demo-owner-pass" },
  staff: { email: "frontdesk@brightsmile.example", password: "demo-staff-pass" },
  superAdmin: { email: "admin@frontdesk.example", password: "demo-admin-pass" },
  tenantName: "Bright Smile Dental",
  agentName: "Ava — Front desk",
  agentNumber: "+15550100001",
} as const;
