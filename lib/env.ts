// The one place process.env is read. Parsed once with zod; a bad value fails fast naming the variable.
// The Next.js app, the voice server and the worker all import this module.
import { z } from "zod";

/** An optional string where "" (e.g. `AUTH_SECRET=` in a .env file) counts as unset; `then` checks the rest. */
const blankAsUnset = (text: z.ZodString = z.string(), then: z.ZodType<string, string> = z.string()) =>
  text
    .transform((v) => (v === "" ? undefined : v))
    .pipe(then.optional())
    .optional();

const optionalUrl = blankAsUnset(z.string().trim(), z.url());

// ALLOWED_ORIGINS: extra origins (comma-separated, e.g. "https://app.example.com,https://admin.example.com")
// that may send cookie-authenticated mutations besides APP_URL's own origin (see lib/http/csrf.ts).
const originList = z
  .string()
  .default("")
  .transform((raw, ctx) => {
    const origins: string[] = [];
    for (const item of raw.split(",").map((s) => s.trim()).filter(Boolean)) {
      let url: URL | undefined;
      try {
        url = new URL(item);
      } catch {}
      if (!url || !/^https?:$/.test(url.protocol) || url.pathname !== "/" || url.search || url.hash || url.username) {
        ctx.addIssue({ code: "custom", message: `"${item}" is not an origin like https://app.example.com` });
        return z.NEVER;
      }
      origins.push(url.origin);
    }
    return origins;
  });

/** "true"/"1" or "false"/"0"; blank or unset is false. */
const flag = blankAsUnset(z.string().trim(), z.enum(["true", "false", "1", "0"], { error: 'use "true" or "false"' })).transform(
  (v) => v === "true" || v === "1",
);

/** A provider name, lower-cased; blank or unset is "local". */

const port = (fallback: number) => z.coerce.number().int().min(1).max(65535).default(fallback);

const schema = z
  .object({
    NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
    // Unset: the embedded PGlite served on 127.0.0.1:EMBEDDED_DB_PORT by the launcher.
    DATABASE_URL: optionalUrl,
    EMBEDDED_DB_PORT: port(54329),
    EMBEDDED_DB_DIR: z.string().default(".data/pglite"),
    // The embedded database's password. Unset: the launcher and the db scripts read (or make) it in
    // .data/embedded-db-password and pass it to the app, voice server and worker. "" counts as unset.
    EMBEDDED_DB_PASSWORD: blankAsUnset(),
    // A connection idle inside a transaction this long is rolled back and closed (it blocks all others).
    EMBEDDED_DB_IDLE_TX_TIMEOUT_MS: z.coerce.number().int().min(0).default(15_000),
    // Unset: jobs queue in the database ("Job" table), events stay in-process.
    REDIS_URL: optionalUrl,
    // FAILED background jobs are kept this many days for inspection, then deleted (either queue).
    QUEUE_FAILED_RETENTION_DAYS: z.coerce.number().positive().max(3650).default(30),
    // Password hashing cost as log2 of scrypt's N (r=8, p=1). 17 is OWASP's recommendation and the
    // default; production refuses less. The test runner lowers it (vitest config) because a few hundred
    // full-cost hashes are minutes of CPU on a 2-core CI box; a stored hash keeps its own cost either way.
    PASSWORD_SCRYPT_LOG2N: z.coerce.number().int().min(10).max(20).default(17),
    // No built-in fallback, in any NODE_ENV: `npm run dev` supplies one from .data/auth-secret, anything
    // else must set it (requireAuthSecret fails naming the variable). "" counts as unset.
    AUTH_SECRET: blankAsUnset(z.string(), z.string().min(32, "AUTH_SECRET must be at least 32 characters")),
    // Twilio's webhook signing key (X-Twilio-Signature). Required in production (requireTwilioAuthToken);
    // in development and tests, unset means the one kept in .data/twilio-auth-token (made on first use),
    // which the launcher, the app and the call simulator share. "" counts as unset.
    TWILIO_AUTH_TOKEN: blankAsUnset(),
    // Unset: http://localhost:<PORT> (filled in by parseEnv). It is also the CSRF origin, so it must follow PORT.
    APP_URL: optionalUrl,
    ALLOWED_ORIGINS: originList,
    PORT: port(3000),
    VOICE_PORT: port(8080),
    // Unset: ws://localhost:<VOICE_PORT> (filled in by parseEnv, so changing the port moves it too).
    VOICE_PUBLIC_URL: optionalUrl,
    WORKER_PORT: port(8081),
    // The worker's /health is for the launcher and local probes: loopback only unless set (e.g. 0.0.0.0).
    WORKER_HOST: z.string().trim().min(1).default("127.0.0.1"),
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    // How many reverse proxies in front of the app append to X-Forwarded-For. 0: the app is reached
    // directly and forwarded headers are ignored (the client writes them); N: the Nth entry from the
    // right is the client (see lib/auth/client-ip.ts).
    TRUSTED_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
    // Not for you to set: server/app/main.ts sets it in its own process, to say that it overwrites
    // x-frontdesk-client-ip on every request, so the app may trust that header (lib/auth/client-ip.ts).
    FRONTDESK_APP_SERVER: z.enum(["0", "1"]).default("0").transform((v) => v === "1"),
    // Addresses the per-IP sign-in/sign-up limits do not count (comma-separated, e.g. "127.0.0.1,::1"
    // for a test runner on this machine); per-email throttling and the fleet-wide limits still apply.
    // Each capability picks its provider on its own (lib/providers/selection.ts): unset → the vendor
    // whose key is set, else "local"; a vendor without its key, or a name that does not exist, fails
    // at start naming the variable. VAD is always the local Silero model (our own turn-taking).
    LLM_PROVIDER: blankAsUnset(z.string().trim().toLowerCase()),
    STT_PROVIDER: blankAsUnset(z.string().trim().toLowerCase()),
    TTS_PROVIDER: blankAsUnset(z.string().trim().toLowerCase()),
    EMBEDDINGS_PROVIDER: blankAsUnset(z.string().trim().toLowerCase()),
    OPENAI_API_KEY: blankAsUnset(z.string().trim()),
    // Any OpenAI-compatible server (Azure's, a proxy, a local one); honoured by every OpenAI path.
    OPENAI_BASE_URL: optionalUrl,
    // Streaming transcription model (gpt-4o-transcribe or gpt-4o-mini-transcribe); unset: the mini one.
    OPENAI_STT_MODEL: blankAsUnset(z.string().trim()),
    ELEVENLABS_API_KEY: blankAsUnset(z.string().trim()),
    // ElevenLabs' API origin (https://api.elevenlabs.io when unset); its WebSocket is derived from it.
    ELEVENLABS_BASE_URL: optionalUrl,
    // ElevenLabs text-to-speech model; unset: eleven_flash_v2_5, the lowest-latency one.
    ELEVENLABS_MODEL: blankAsUnset(z.string().trim()),
    // ElevenLabs circuit breaker (one per process, shared by every call): after this many failures in a
    // row the local voice speaks without trying ElevenLabs for the cool-down, then one probe is let through.
    ELEVENLABS_CIRCUIT_FAILURES: z.coerce.number().int().min(1).max(100).default(3),
    ELEVENLABS_CIRCUIT_COOLDOWN_MS: z.coerce.number().int().min(1000).max(600_000).default(30_000),
    // With TWILIO_AUTH_TOKEN: hang-up, transfer and phone numbers through Twilio's REST API.
    TWILIO_ACCOUNT_SID: blankAsUnset(z.string().trim(), z.string().regex(/^AC[0-9a-fA-F]{32}$/, "must be a Twilio account SID (AC + 32 hex digits)")),
    // Twilio's REST origin (https://api.twilio.com when unset), for a regional edge or a test server.
    TWILIO_API_BASE_URL: optionalUrl,
    // LLM faults: no first token within this → retry once (nothing spoken yet), then the fallback model.
    LLM_FIRST_TOKEN_TIMEOUT_MS: z.coerce.number().int().min(200).max(30_000).default(2500),
    LLM_FALLBACK_MODEL: blankAsUnset(z.string().trim()),
    // Worker threads for the local recogniser. Unset: every core on 1-2 cores, else one fewer; 0: on the
    // main thread (for side-by-side measurements).
    STT_THREADS: blankAsUnset(z.string().trim(), z.string().regex(/^([0-9]|[1-5][0-9]|6[0-4])$/, "must be a whole number 0-64")).transform((v) =>
      v === undefined ? undefined : Number(v),
    ),
    // Recordings: S3 (or an S3-compatible server) when S3_BUCKET is set, else this folder.
    STORAGE_DIR: blankAsUnset(z.string().trim()).transform((v) => v ?? ".data/storage"),
    S3_BUCKET: blankAsUnset(z.string().trim()),
    S3_REGION: blankAsUnset(z.string().trim()).transform((v) => v ?? "us-east-1"),
    // MinIO / s3rver / R2; unset for AWS.
    S3_ENDPOINT: optionalUrl,
    // Both or neither (neither: the AWS SDK's default credential chain).
    S3_ACCESS_KEY_ID: blankAsUnset(z.string().trim()),
    S3_SECRET_ACCESS_KEY: blankAsUnset(z.string().trim()),
    // Path-style bucket URLs (MinIO, s3rver).
    S3_FORCE_PATH_STYLE: flag,
    // Without REDIS_URL, where other processes follow live call events (the voice server's socket);
    // unset: ws://127.0.0.1:<VOICE_PORT>/internal/events (filled in by parseEnv).
    EVENTS_URL: blankAsUnset(z.string().trim(), z.url({ protocol: /^wss?$/ })),
    // Let other hosts open the voice server's /internal/events (still token-checked); default loopback only.
    EVENTS_ALLOW_REMOTE: flag,
    // Names this voice server on the calls it holds; stable across restarts, so a restart closes what
    // a crash left open. Unset: <hostname>:<VOICE_PORT> (server/voice/main.ts).
    VOICE_SERVER_ID: blankAsUnset(z.string().trim()),
    // The deployment's voice capacity: live calls (every workspace, every voice server) past which a new
    // call is refused with "all our lines are busy" instead of being let in to slow every call down.
    // Unset: no platform limit (each plan's maxConcurrentCalls still applies). `npm run bench:voice`
    // says what one voice server holds on given hardware.
    VOICE_MAX_CALLS: blankAsUnset(z.string().trim(), z.string().regex(/^[1-9][0-9]{0,5}$/, "must be a whole number 1-999999")).transform((v) =>
      v === undefined ? undefined : Number(v),
    ),
    // Knowledge uploads: the largest file accepted (MB; refused with 413 before it is buffered whole).
    KNOWLEDGE_MAX_UPLOAD_MB: blankAsUnset(z.string().trim(), z.string().regex(/^[1-9][0-9]{0,3}$/, "must be a whole number 1-9999")).transform((v) =>
      v === undefined ? 20 : Number(v),
    ),
    // Team invites are mailed through this (smtp://user:pass@host:587, smtps://...); unset: the invite
    // link is shown to the admin who sent it and logged, and nothing is mailed.
    SMTP_URL: blankAsUnset(z.string().trim(), z.url({ protocol: /^smtps?$/, error: "must be an smtp:// or smtps:// URL" })),
    // The From of those emails; unset: "Frontdesk <no-reply@APP_URL's host>".
    MAIL_FROM: blankAsUnset(z.string().trim()),
    // Development only: let web-page import fetch private, loopback and link-local addresses.
    KNOWLEDGE_ALLOW_PRIVATE_URLS: flag,
    // /api/v1 requests per minute, shared by every app instance (RateLimitBucket): per API key and per
    // signed-in session (the dashboard's own polling counts too, hence the higher figure).
    API_RATE_LIMIT_PER_KEY: z.coerce.number().int().min(1).max(1_000_000).default(600),
    API_RATE_LIMIT_PER_SESSION: z.coerce.number().int().min(1).max(1_000_000).default(1200),
    RATE_LIMIT_EXEMPT_IPS: z
      .string()
      .default("")
      .transform((raw) => raw.split(",").map((s) => s.trim().toLowerCase()).filter(Boolean))
      .pipe(z.array(z.union([z.ipv4(), z.ipv6()], { error: "must be comma-separated IP addresses" }))),
  })
  .refine((v) => !(v.PASSWORD_SCRYPT_LOG2N < 17 && v.NODE_ENV === "production"), {
    message: "below 17 is for tests only: production hashes passwords at OWASP's cost (N=2^17) or more",
    path: ["PASSWORD_SCRYPT_LOG2N"],
  })
  .refine((v) => !(v.KNOWLEDGE_ALLOW_PRIVATE_URLS && v.NODE_ENV === "production"), {
    message: "is for development only: in production web-page import never fetches private addresses",
    path: ["KNOWLEDGE_ALLOW_PRIVATE_URLS"],
  })
  .refine((v) => !v.S3_ACCESS_KEY_ID === !v.S3_SECRET_ACCESS_KEY, {
    message: "set both S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY, or neither",
    path: ["S3_SECRET_ACCESS_KEY"],
  });

export type Env = Omit<z.infer<typeof schema>, "VOICE_PUBLIC_URL" | "APP_URL" | "EVENTS_URL"> & {
  VOICE_PUBLIC_URL: string;
  EVENTS_URL: string;
  APP_URL: string;
  databaseUrl: string;
  embeddedDatabase: boolean;
};

export function parseEnv(source: Record<string, string | undefined>): Env {
  const parsed = schema.safeParse({ ...source, AUTH_SECRET: source.AUTH_SECRET || source.NEXTAUTH_SECRET });
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".") || "(env)"}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join("\n")}`);
  }
  const v = parsed.data;
  return {
    ...v,
    VOICE_PUBLIC_URL: v.VOICE_PUBLIC_URL ?? `ws://localhost:${v.VOICE_PORT}`,
    EVENTS_URL: v.EVENTS_URL ?? `ws://127.0.0.1:${v.VOICE_PORT}/internal/events`,
    APP_URL: v.APP_URL ?? `http://localhost:${v.PORT}`,
    databaseUrl: v.DATABASE_URL ?? embeddedDatabaseUrl(v.EMBEDDED_DB_PORT, v.EMBEDDED_DB_PASSWORD),
    embeddedDatabase: !v.DATABASE_URL,
  };
}

/**
 * The session signing key. Throws, naming the variables, when neither AUTH_SECRET nor NEXTAUTH_SECRET
 * is set: the app (server/app/main.ts), the voice server and the worker call it at startup to fail fast.
 */
export function requireAuthSecret(env: Env = getEnv()): string {
  if (env.AUTH_SECRET) return env.AUTH_SECRET;
  throw new Error(
    "Invalid environment:\n  AUTH_SECRET: not set (nor NEXTAUTH_SECRET). Set it to a random string of 32+ characters " +
      "(e.g. `openssl rand -base64 32`); `npm run dev` makes one in .data/auth-secret.",
  );
}

/**
 * TWILIO_AUTH_TOKEN when set. Unset: throws in production, naming the variable (the launcher checks it
 * at start); elsewhere undefined, and lib/providers/twilio/auth-token.ts falls back to the .data/ file.
 */
export function requireTwilioAuthToken(env: Env = getEnv()): string | undefined {
  if (env.TWILIO_AUTH_TOKEN || env.NODE_ENV !== "production") return env.TWILIO_AUTH_TOKEN;
  throw new Error(
    "Invalid environment:\n  TWILIO_AUTH_TOKEN: not set. Set it to your Twilio account's auth token (Console → Account → " +
      "API keys & tokens); Twilio signs every webhook with it. `npm run dev` makes a local one in .data/twilio-auth-token.",
  );
}

/** With no password, connecting fails: the embedded database requires one (EMBEDDED_DB_PASSWORD). */
export function embeddedDatabaseUrl(dbPort: number, password?: string, host = "127.0.0.1"): string {
  const auth = password ? `postgres:${encodeURIComponent(password)}` : "postgres";
  return `postgresql://${auth}@${host}:${dbPort}/postgres`;
}

let cached: Env | undefined;

/** The parsed environment of this process (parsed on first use, so tests can set variables first). */
export function getEnv(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
