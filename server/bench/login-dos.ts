// npm run bench:login-dos — does a password-guessing burst slow down signed-in users? (issue 6: 40
// parallel bad logins pushed /api/v1/me from 0.01 s to 7.4 s.) Asserts nothing; prints figures.
//
// In-process, against a throwaway PostgreSQL database with the real migrations: GET /api/v1/me is the
// route handler itself with a real session cookie; a sign-in is what next-auth's authorize() in
// lib/auth/options.ts does: clientIp(headers) then authenticate() (limits, throttle, scrypt). next-auth's
// own wrapper around it (CSRF check, redirect) hashes nothing; it is left out because its CommonJS
// default exports do not load under tsx's native ESM. One process, like the app: hashing, cookie
// decoding (HKDF and AES-GCM on libuv's threadpool) and the database driver share one event loop and
// one threadpool.
//
//   1. time one scrypt hash at the cost in use
//   2. GET /api/v1/me alone: N sequential requests
//   3. the same while 40 bad sign-ins (different emails, rotating X-Forwarded-For) run in parallel
//
//   --attackers=40  --samples=30  --rounds=2
import { randomBytes } from "node:crypto";
import { applyMigrations } from "../../lib/db/migrations/apply";
import { createDb, setDb } from "../../lib/db/client";
import { createThrowawayDatabase } from "../../lib/test/throwaway-postgres";

const arg = (name: string, fallback: number) => Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split("=")[1] ?? fallback);
const ATTACKERS = arg("attackers", 40);
const SAMPLES = arg("samples", 30);
const ROUNDS = arg("rounds", 2);

process.env.AUTH_SECRET ||= randomBytes(32).toString("hex");
process.env.LOG_LEVEL ||= "silent";

type Stats = { n: number; median: number; p95: number; max: number };

function stats(ms: number[]): Stats {
  const s = [...ms].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? NaN;
  return { n: s.length, median: at(0.5), p95: at(0.95), max: s[s.length - 1] ?? NaN };
}

const fmt = (s: Stats) => `median ${(s.median / 1000).toFixed(3)} s, p95 ${(s.p95 / 1000).toFixed(3)} s, max ${(s.max / 1000).toFixed(3)} s (n=${s.n})`;

async function main() {
  const throwaway = await createThrowawayDatabase("bench_login");
  await applyMigrations(throwaway.url);
  const db = createDb(throwaway.url, { max: 10 });
  setDb(db);
  try {
    // Imported after setDb and the env above: these read both on first use.
    const { apiRequest, createTestTenant } = await import("../../lib/test/factories");
    const { authenticate } = await import("../../lib/auth/authenticate");
    const { clientIp } = await import("../../lib/auth/client-ip");
    const signIn = async (creds: { email: string; password: string }, headers: Record<string, string>) => {
      try {
        return (await authenticate(db, creds, clientIp(headers))) ? "signed in" : "CredentialsSignin";
      } catch (err) {
        return (err as { code?: string }).code ?? "INTERNAL";
      }
    };
    const me = await import("../../app/api/v1/me/route");
    const { hashPassword } = await import("../../lib/auth/password");

    let t = performance.now();
    const sample = await hashPassword("a sample password for timing");
    console.log(`scrypt hash (${sample.split("$").slice(1, 4).join(", ")}): ${((performance.now() - t) / 1000).toFixed(3)} s`);

    const { admin } = await createTestTenant("Bench Clinic");
    const timeMe = async () => {
      const start = performance.now();
      const res = await me.GET(apiRequest("GET", "/api/v1/me", { cookie: admin.cookie }));
      if (res.status !== 200) throw new Error(`/api/v1/me answered ${res.status}`);
      await res.text();
      return performance.now() - start;
    };
    for (let i = 0; i < 3; i++) await timeMe(); // warm up the pool and the JIT

    const alone: number[] = [];
    for (let i = 0; i < SAMPLES; i++) alone.push(await timeMe());
    console.log(`GET /api/v1/me alone:                  ${fmt(stats(alone))}`);

    for (let round = 1; round <= ROUNDS; round++) {
      const outcomes = new Map<string, number>();
      let done = false;
      t = performance.now();
      const attack = Promise.all(
        Array.from({ length: ATTACKERS }, async (_, i) => {
          const email = `victim-${randomBytes(4).toString("hex")}@bench.example`;
          const key = await signIn({ email, password: `guess-${i}` }, { "x-forwarded-for": `198.51.${round}.${i + 1}` });
          outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
        }),
      ).finally(() => (done = true));
      const during: number[] = [];
      while (!done || during.length < 5) during.push(await timeMe());
      await attack;
      const attackSec = (performance.now() - t) / 1000;
      console.log(`GET /api/v1/me during ${ATTACKERS} bad sign-ins: first ${(during[0]! / 1000).toFixed(3)} s, ${fmt(stats(during))}   (round ${round})`);
      console.log(`  the ${ATTACKERS} sign-ins took ${attackSec.toFixed(1)} s: ${[...outcomes].map(([k, v]) => `${v} ${k}`).join(", ")}`);
      await db.rateLimitBucket.deleteMany({}).catch(() => undefined); // each round starts with fresh windows
    }
  } finally {
    await db.$disconnect();
    await throwaway.drop();
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
