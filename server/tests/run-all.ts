// npm test — the whole suite: type-check and lint (one check each), vitest (unit + integration, the
// domain suite on PostgreSQL and on the embedded PGlite: three processes side by side), then Playwright against the built app in
// Debian's Chromium. Ends with one line "N passed, N failed" counted from the runners' JSON reports
// and the two checks (CI reads it).
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, readFile, rm } from "node:fs/promises";
import path from "node:path";

const OUT = ".test-results";
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

type Tally = { passed: number; failed: number; skipped: number };

function run(cmd: string, args: string[], env: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: "inherit", env: { ...process.env, ...env } });
    child.on("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

async function readJson<T>(file: string): Promise<T | null> {
  try {
    return JSON.parse(await readFile(file, "utf8")) as T;
  } catch {
    return null;
  }
}

/** What one runner (a check, a vitest process, Playwright) ended with: exit code, counts, failed tests by name. */
interface Outcome {
  name: string;
  code: number;
  /** null: the runner wrote no report (it crashed before). */
  tally: Tally | null;
  failures: string[];
}

type VitestReport = {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
  testResults?: { name: string; status: string; message?: string; assertionResults?: { fullName: string; status: string }[] }[];
};

/** A vitest JSON report's counts, and its failed tests as "file › test" (a file that failed to load: the file and its message). */
async function vitestOutcome(name: string, code: number, report: string): Promise<Outcome> {
  const r = await readJson<VitestReport>(path.join(OUT, report));
  const failures: string[] = [];
  for (const file of r?.testResults ?? []) {
    const where = path.relative(process.cwd(), file.name);
    const failed = (file.assertionResults ?? []).filter((a) => a.status === "failed");
    for (const a of failed) failures.push(`${where} › ${a.fullName}`);
    if (failed.length === 0 && file.status === "failed") failures.push(`${where} (${(file.message ?? "failed").split("\n")[0]})`);
  }
  const tally = r && { passed: r.numPassedTests, failed: r.numFailedTests, skipped: r.numPendingTests + r.numTodoTests };
  return { name, code, tally, failures };
}

// Vitest runs the files of a project with fileParallelism off (the domain suite: one shared database
// per project) one after another, and everything else with cores-1 workers: on 2 cores the whole
// suite ran single file. The domain suite's two databases are independent, so each gets its own
// vitest process beside the unit + integration one; their output is prefixed with the run's name.
const VITEST_RUNS = [
  { name: "unit+integration", projects: ["unit", "unit-isolated", "integration"] },
  { name: "db-postgres", projects: ["db-postgres", "db-postgres-isolated"] },
  { name: "db-pglite", projects: ["db-pglite", "db-pglite-isolated"] },
] as const;

/** Runs a command with each output line prefixed, so parallel runs stay readable. */
function runPrefixed(prefix: string, cmd: string, args: string[]): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, FORCE_COLOR: process.env.FORCE_COLOR ?? "1" } });
    for (const [stream, out] of [
      [child.stdout, process.stdout],
      [child.stderr, process.stderr],
    ] as const) {
      let rest = "";
      stream.setEncoding("utf8");
      stream.on("data", (chunk: string) => {
        const lines = (rest + chunk).split("\n");
        rest = lines.pop() ?? "";
        for (const line of lines) out.write(`[${prefix}] ${line}\n`);
      });
      stream.on("end", () => rest && out.write(`[${prefix}] ${rest}\n`));
    }
    child.on("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

async function runVitest(): Promise<Outcome[]> {
  const codes = await Promise.all(
    VITEST_RUNS.map((r) =>
      runPrefixed(r.name, "npx", [
        "vitest",
        "run",
        "--config",
        ".config/vitest.config.ts",
        ...r.projects.flatMap((p) => ["--project", p]),
        "--reporter=default",
        "--reporter=json",
        `--outputFile.json=${OUT}/vitest-${r.name}.json`,
      ]),
    ),
  );
  return Promise.all(VITEST_RUNS.map((r, i) => vitestOutcome(`vitest ${r.name}`, codes[i]!, `vitest-${r.name}.json`)));
}

type PlaywrightSuite = {
  title: string;
  file?: string;
  specs?: { title: string; file: string; line: number; ok: boolean; tests?: { status: string }[] }[];
  suites?: PlaywrightSuite[];
};
type PlaywrightReport = { stats: { expected: number; unexpected: number; flaky: number; skipped: number }; suites?: PlaywrightSuite[] };

/** Playwright's counts, and the specs it counts as failed ("unexpected"; a flaky pass is not one) as "file:line › title". */
async function playwrightOutcome(code: number): Promise<Outcome> {
  const r = await readJson<PlaywrightReport>(path.join(OUT, "playwright.json"));
  const failures: string[] = [];
  const walk = (suite: PlaywrightSuite) => {
    for (const spec of suite.specs ?? []) {
      if (spec.tests?.some((t) => t.status === "unexpected")) failures.push(`${spec.file}:${spec.line} › ${spec.title}`);
    }
    for (const child of suite.suites ?? []) walk(child);
  };
  for (const suite of r?.suites ?? []) walk(suite);
  // A flaky test passed on retry: it counts as passed, as Playwright itself reports it.
  const tally = r && { passed: r.stats.expected + r.stats.flaky, failed: r.stats.unexpected, skipped: r.stats.skipped };
  return { name: "playwright", code, tally, failures };
}

/** `npm run typecheck` and `npm run lint`, side by side (each is one process: two cores, two checks): each counts as one passed or failed check in the total. */
async function staticChecks(): Promise<Outcome[]> {
  console.log("\n== npm run typecheck, npm run lint");
  return Promise.all(
    ["typecheck", "lint"].map(async (script) => {
      const code = await runPrefixed(script, "npm", ["run", "--silent", script]);
      console.log(code === 0 ? `✓ ${script} passed` : `✖ ${script} failed (exit ${code})`);
      const name = `npm run ${script}`;
      return { name, code, tally: { passed: code === 0 ? 1 : 0, failed: code === 0 ? 0 : 1, skipped: 0 }, failures: code === 0 ? [] : [name] };
    }),
  );
}

const started = Date.now();
const seconds = (since: number) => `${Math.round((Date.now() - since) / 1000)} s`;

async function main() {
  await rm(OUT, { recursive: true, force: true });
  await mkdir(OUT, { recursive: true });

  const only = process.argv[2]; // "vitest" | "e2e" | undefined (all, with typecheck and lint first)
  const outcomes: Outcome[] = [];
  const timings: string[] = [];
  if (only === undefined) {
    const t = Date.now();
    outcomes.push(...(await staticChecks()));
    timings.push(`checks ${seconds(t)}`);
  }
  if (only !== "e2e") {
    const t = Date.now();
    outcomes.push(...(await runVitest()));
    timings.push(`vitest ${seconds(t)}`);
  }
  if (only !== "vitest") {
    if (!existsSync(CHROMIUM)) {
      const missing = `Chromium not found at ${CHROMIUM}: install it (apt-get install -y chromium) or set CHROMIUM_PATH.`;
      console.error(`✖ ${missing}`);
      outcomes.push({ name: "playwright", code: 1, tally: { passed: 0, failed: 1, skipped: 0 }, failures: [missing] });
    } else {
      const t = Date.now();
      // The app's build need not type-check again what typecheck has just passed (next.config.ts).
      const typechecked = outcomes.some((o) => o.name === "npm run typecheck" && o.code === 0);
      const code = await run("npx", ["playwright", "test", "-c", "e2e/playwright.config.ts", "--reporter=list,json"], {
        PLAYWRIGHT_JSON_OUTPUT_NAME: path.resolve(OUT, "playwright.json"),
        ...(typechecked && { NEXT_BUILD_SKIP_TYPECHECK: "1" }),
      });
      outcomes.push(await playwrightOutcome(code));
      timings.push(`playwright ${seconds(t)}`);
    }
  }

  const total = outcomes.reduce<Tally>(
    (sum, { tally: t }) => ({ passed: sum.passed + (t?.passed ?? 0), failed: sum.failed + (t?.failed ?? 0), skipped: sum.skipped + (t?.skipped ?? 0) }),
    { passed: 0, failed: 0, skipped: 0 },
  );
  // A runner that failed with no failed test (it crashed, or reported an unhandled error) counts as one failure.
  const crashed = outcomes.filter((o) => o.code !== 0 && (o.tally?.failed ?? 0) === 0);
  const failed = total.failed + crashed.length;
  // Named last, beside the count: a CI log that keeps only its tail still says what failed.
  const failures = [
    ...outcomes.flatMap((o) => o.failures),
    ...crashed.map((o) => `${o.name} exited with code ${o.code} and no failed test (an unhandled error or a crash: see its output)`),
  ];
  if (failures.length > 0) console.log(`\nFailed:\n${failures.map((f) => `  ✖ ${f}`).join("\n")}`);
  console.log(`\nDurations: ${timings.join(", ")}; total ${seconds(started)}`);
  console.log(`\n${total.passed} passed, ${failed} failed, ${total.skipped} skipped`);
  process.exit(failed > 0 || outcomes.some((o) => o.code !== 0) ? 1 : 0);
}

await main();
