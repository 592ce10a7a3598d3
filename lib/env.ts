// The one place process.env is read. Parsed once with zod; a bad value fails fast naming the variable.
// The Next.js app, the voice server and the worker all import this module.
import { z } from "zod";

const DEV_AUTH_SECRET = "frontdesk-dev-secret-not-for-production-use-0000";

const optionalUrl = z
  .string()
  .trim()
  .transform((v) => (v === "" ? undefined : v))
  .pipe(z.url().optional())
  .optional();

const port = (fallback: number) => z.coerce.number().int().min(1).max(65535).default(fallback);

const schema = z
  .object({
    NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
    // Unset: the embedded PGlite served on 127.0.0.1:EMBEDDED_DB_PORT by the launcher.
    DATABASE_URL: optionalUrl,
    EMBEDDED_DB_PORT: port(54329),
    EMBEDDED_DB_DIR: z.string().default(".data/pglite"),
    // Unset: jobs queue in the database ("Job" table), events stay in-process.
    REDIS_URL: optionalUrl,
    AUTH_SECRET: z.string().min(32, "AUTH_SECRET must be at least 32 characters").optional(),
    APP_URL: z.url().default("http://localhost:3000"),
    PORT: port(3000),
    VOICE_PORT: port(8080),
    VOICE_PUBLIC_URL: z.url().default("ws://localhost:8080"),
    WORKER_PORT: port(8081),
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  })
  .superRefine((v, ctx) => {
    if (v.NODE_ENV === "production" && !v.AUTH_SECRET && !process.env.NEXTAUTH_SECRET) {
      ctx.addIssue({ code: "custom", path: ["AUTH_SECRET"], message: "AUTH_SECRET is required in production" });
    }
  });

export type Env = z.infer<typeof schema> & {
  databaseUrl: string;
  embeddedDatabase: boolean;
  authSecret: string;
};

export function parseEnv(source: NodeJS.ProcessEnv): Env {
  const parsed = schema.safeParse({ ...source, AUTH_SECRET: source.AUTH_SECRET ?? source.NEXTAUTH_SECRET });
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".") || "(env)"}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join("\n")}`);
  }
  const v = parsed.data;
  return {
    ...v,
    databaseUrl: v.DATABASE_URL ?? embeddedDatabaseUrl(v.EMBEDDED_DB_PORT),
    embeddedDatabase: !v.DATABASE_URL,
    authSecret: v.AUTH_SECRET ?? DEV_AUTH_SECRET,
  };
}

export function embeddedDatabaseUrl(dbPort: number): string {
  return `postgresql://postgres:postgres@127.0.0.1:${dbPort}/postgres`;
}

let cached: Env | undefined;

/** The parsed environment of this process (parsed on first use, so tests can set variables first). */
export function getEnv(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
