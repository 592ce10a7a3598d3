// npm run bench:voice — N simultaneous simulated phone calls against one voice server, the callers in
// a process of their own (voice-callers.ts). Prints what a capacity plan needs: calls held, frames
// late/malformed, outbound pacing jitter at the caller, end of caller turn → first agent frame (the
// callers' clock, and the server's own breakdown from the CallTurn latency columns: platform overhead
// vs provider time), barge-in speech onset → clear, the server's CPU ms per call per second and RSS
// per call (from /proc of its process), and the calls per core that projects to. Asserts nothing.
//
//   npm run bench:voice -- --calls 50 --seconds 60 [--config local|remote] [--voice-url ws://host:port]
//     [--server-env KEY=VALUE]... [--server-node-arg=--cpu-prof]... [--callers-node-arg=--cpu-prof]... [--ramp-ms 2000] [--stagger-ms 5000] [--warmup-sec 8] [--load-nice 0-19] [--keep-db]
//     [--line-noise-dbfs=-50]   (background noise on the callers' lines, with "=": the level is negative; default digital silence between words)
//     [--stt-ms 150 --llm-ms 300 --tts-ms 120]   (remote without vendor settings: the vendor fakes' delays)
//
// Needs PostgreSQL (TEST_POSTGRES_URL, default 127.0.0.1:5432): a throwaway database is migrated and
// given a tenant, agent and number, and calls are created through the voice webhook's own logic
// (answerVoiceWebhook: a Call row and a call token, no app needed). The voice server is started here
// (server/voice/main.ts on a port from 20500) unless --voice-url names one that is running; that one
// must use DATABASE_URL and AUTH_SECRET as this process sees them. --config remote starts the server
// with speech providers out of process: pass their settings with --server-env KEY=VALUE, or none, and
// the vendors' local wire-format servers (voice-fakes.ts) answer with the --stt-ms/--llm-ms/--tts-ms delays.
import { fork, spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { availableParallelism, setPriority, tmpdir } from "node:os";
import path from "node:path";
import { createServer } from "node:net";
import { parseArgs } from "node:util";
import { WEEKDAYS } from "../../lib/agents/options";
import { applyMigrations } from "../../lib/db/migrations/apply";
import { createDb, setDb, type Db } from "../../lib/db/client";
import { createThrowawayDatabase, type ThrowawayDatabase } from "../../lib/test/throwaway-postgres";
import { answerVoiceWebhook } from "../../lib/telephony/voice-webhook";
import { systemDb } from "../../lib/tenant/system-scope";
import { loadDotenvFiles } from "../launcher/dotenv";
import { Histogram, fmtMs } from "../sim/stats";
import { newTwilioSid } from "../../lib/providers/twilio/call-sid";
import { parseTwimlAnswer } from "../sim/twiml";
import { SIM_ACCOUNT_SID } from "../sim/twilio-http";
import { platformMsOf } from "../../lib/conversation/latency";
import type { CallerJob, CallersMessage, CallersReport, CallersRequest } from "./voice-callers";
import { startVendorFakes, type ProviderDelays, type VendorFakes } from "./voice-fakes";

const { values: args } = parseArgs({
  options: {
    calls: { type: "string", default: "20" },
    seconds: { type: "string", default: "30" },
    config: { type: "string", default: "local" },
    "voice-url": { type: "string" },
    "server-env": { type: "string", multiple: true, default: [] },
    // e.g. --server-node-arg=--cpu-prof --server-node-arg=--cpu-prof-dir=/tmp/prof (a profile of the run)
    "server-node-arg": { type: "string", multiple: true, default: [] },
    // the same for the callers' process (--callers-node-arg=--cpu-prof: what the simulated Twilio side costs)
    "callers-node-arg": { type: "string", multiple: true, default: [] },
    "ramp-ms": { type: "string", default: "2000" },
    // Call i of n speaks its first line stagger·i/n into the window, as real callers do not all talk at
    // once; 0 makes every call's turns coincide (all STT, LLM and TTS requests in one burst: worst case).
    "stagger-ms": { type: "string", default: "5000" },
    // Background noise on every caller's line, e.g. --line-noise-dbfs=-50 (a busy room) or =-65 (a quiet line's hiss); absent:
    // digital silence between words. Above the VAD's silence gate (-56 dBFS) every window goes to the model.
    "line-noise-dbfs": { type: "string" },
    // The callers and the vendor fakes stand in for other machines (Twilio, the vendors): on a shared
    // box --load-nice N runs them at a lower CPU priority, so they take less of the voice server's core
    // (and lag more themselves: their own figures, caller-side jitter and barge-in timing, get worse).
    "load-nice": { type: "string", default: "0" },
    "warmup-sec": { type: "string", default: "8" },
    "keep-db": { type: "boolean", default: false },
    "stt-ms": { type: "string", default: "150" },
    "llm-ms": { type: "string", default: "300" },
    "tts-ms": { type: "string", default: "120" },
  },
});

function positiveInt(name: string, raw: string, max: number): number {
  if (!/^\d+$/.test(raw) || Number(raw) < 1 || Number(raw) > max) {
    console.error(`--${name} must be a whole number from 1 to ${max}, got "${raw}"`);
    process.exit(2);
  }
  return Number(raw);
}

function delayMs(name: string, raw: string): number {
  if (!/^\d+$/.test(raw) || Number(raw) > 10_000) {
    console.error(`--${name} must be a whole number of ms from 0 to 10000, got "${raw}"`);
    process.exit(2);
  }
  return Number(raw);
}

const CALLS = positiveInt("calls", args.calls, 5000);
const SECONDS = positiveInt("seconds", args.seconds, 3600);
const RAMP_MS = Number(args["ramp-ms"]);
const STAGGER_MS = args["stagger-ms"] === "0" ? 0 : positiveInt("stagger-ms", args["stagger-ms"], 60_000);
const LINE_NOISE_DBFS = args["line-noise-dbfs"] === undefined ? undefined : noiseLevel(args["line-noise-dbfs"]);

function noiseLevel(raw: string): number {
  if (!/^-\d+(\.\d+)?$/.test(raw) || Number(raw) < -90 || Number(raw) > -10) {
    console.error(`--line-noise-dbfs must be a level from -90 to -10 (dB below full scale), got "${raw}"`);
    process.exit(2);
  }
  return Number(raw);
}
const LOAD_NICE = Number(args["load-nice"]);
if (!Number.isInteger(LOAD_NICE) || LOAD_NICE < 0 || LOAD_NICE > 19) {
  console.error(`--load-nice must be an integer 0-19, got "${args["load-nice"]}"`);
  process.exit(2);
}
const WARMUP_SEC = args["warmup-sec"] === "0" ? 0 : positiveInt("warmup-sec", args["warmup-sec"], 600);
const CONFIG = args.config;
if (CONFIG !== "local" && CONFIG !== "remote") {
  console.error(`--config must be local or remote, got "${CONFIG}"`);
  process.exit(2);
}
const SERVER_ENV: Record<string, string> = Object.fromEntries(
  args["server-env"].map((kv) => {
    const i = kv.indexOf("=");
    if (i < 1) {
      console.error(`--server-env takes KEY=VALUE, got "${kv}"`);
      process.exit(2);
    }
    return [kv.slice(0, i), kv.slice(i + 1)];
  }),
);

// local: speech (VAD, STT, TTS) in the voice server's process. remote: the vendor providers, whose work
// happens elsewhere, so STT_PROVIDER / TTS_PROVIDER (and their keys and endpoints, e.g. a local fake of
// the vendor's API) must be passed with --server-env.
if (CONFIG === "local") {
  SERVER_ENV.STT_PROVIDER ??= "local";
  SERVER_ENV.TTS_PROVIDER ??= "local";
} else if ((SERVER_ENV.STT_PROVIDER ?? "local") === "local" && (SERVER_ENV.TTS_PROVIDER ?? "local") === "local" && args["voice-url"]) {
  console.error(
    "--config remote with --voice-url needs that server's vendor settings: the vendor fakes can only be wired into a voice server started here.",
  );
  process.exit(2);
}
// remote without vendor settings: OpenAI (STT + LLM) and ElevenLabs (TTS) fakes with these delays.
const FAKE_DELAYS: ProviderDelays | null =
  CONFIG === "remote" && (SERVER_ENV.STT_PROVIDER ?? "local") === "local" && (SERVER_ENV.TTS_PROVIDER ?? "local") === "local"
    ? { sttMs: delayMs("stt-ms", args["stt-ms"]), llmMs: delayMs("llm-ms", args["llm-ms"]), ttsMs: delayMs("tts-ms", args["tts-ms"]) }
    : null;

// The callers' lines: a question, another, then one that talks over the agent's answer 400 ms in.
const TURNS: CallersRequest["turns"] = [
  { text: "What time do you open on Saturday?" },
  { text: "Where are you located?" },
  { text: "I would like to leave a message.", bargeInAfterMs: 400 },
];

const CLK_TCK = 100; // Linux's USER_HZ on every mainstream kernel build
const PAGE = 4096;

/** utime + stime (ms) and RSS (bytes) of one process, from /proc/<pid>/stat. */
async function procStat(pid: number): Promise<{ cpuMs: number; rss: number }> {
  const text = await readFile(`/proc/${pid}/stat`, "utf8");
  // The command name (field 2) may contain spaces: split after its closing parenthesis.
  const f = text.slice(text.lastIndexOf(")") + 2).split(" ");
  // Fields from 3 on: utime is field 14 (index 11 here), stime 15, rss 24.
  return { cpuMs: ((Number(f[11]) + Number(f[12])) * 1000) / CLK_TCK, rss: Number(f[21]) * PAGE };
}

/** The first port of 20500-20599 (this benchmark's range) that nothing listens on. */
async function pickPort(): Promise<number> {
  for (let port = 20500; port < 20600; port++) {
    const free = await new Promise<boolean>((resolve) => {
      const srv = createServer();
      srv.once("error", () => resolve(false));
      srv.listen(port, "127.0.0.1", () => srv.close(() => resolve(true)));
    });
    if (free) return port;
  }
  throw new Error("no free port in 20500-20599 for the voice server");
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const mb = (b: number) => `${(b / 1024 / 1024).toFixed(2)} MB`;

async function waitHealthy(url: string, child: ChildProcess | null): Promise<void> {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child && child.exitCode !== null) throw new Error(`the voice server exited (${child.exitCode}) before it was healthy`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (res.ok) return;
    } catch {
      // not up yet
    }
    await sleep(250);
  }
  throw new Error(`the voice server at ${url} did not become healthy in 90 s`);
}

async function seed(db: Db): Promise<{ tenantId: string; e164: string }> {
  const tag = randomBytes(4).toString("hex");
  // Limits high enough that the benchmark, not the plan, is what bounds the calls.
  const tenant = await db.tenant.create({
    data: { name: `Bench ${tag}`, slug: `bench-${tag}`, maxConcurrentCalls: 100_000, monthlyMinutesQuota: 10_000_000 },
  });
  const scoped = systemDb(tenant.id, "worker:bench-voice", db).db;
  const open = [{ open: "00:00", close: "24:00" }];
  const agent = await scoped.agent.create({
    data: {
      name: "Reception",
      greeting: "Thank you for calling Bench Dental. How can I help you today?",
      systemPrompt: "Answer questions about the practice.",
      businessHours: Object.fromEntries(WEEKDAYS.map((d) => [d, open])),
    },
  });
  const e164 = `+1555${String(randomBytes(4).readUInt32BE() % 10_000_000).padStart(7, "0")}`;
  await scoped.phoneNumber.create({ data: { agentId: agent.id, e164, provider: "TWILIO" } });
  return { tenantId: tenant.id, e164 };
}

/** N calls through the voice webhook's logic: each a Call row and the TwiML's stream parameters. */
async function placeCalls(n: number, to: string): Promise<CallerJob[]> {
  const jobs: CallerJob[] = [];
  for (let i = 0; i < n; i++) {
    const callSid = newTwilioSid("CA");
    const answer = parseTwimlAnswer(await answerVoiceWebhook({ AccountSid: SIM_ACCOUNT_SID, CallSid: callSid, From: "+15550009999", To: to, CallStatus: "ringing", Direction: "inbound" }));
    if (answer.kind !== "stream") throw new Error(`the webhook did not connect call ${i + 1}: ${answer.kind} ${answer.say.join(" ")}`);
    jobs.push({ streamUrl: answer.url, callSid, accountSid: SIM_ACCOUNT_SID, parameters: answer.parameters });
  }
  return jobs;
}

/** The callers' report, and this process's CPU ms (the vendor fakes and the benchmark) from their ready to it. */
function runCallers(req: CallersRequest, onReady: () => void): Promise<CallersReport & { fakesCpuMs: number }> {
  const child = fork(new URL("./voice-callers.ts", import.meta.url), [], { execArgv: [...args["callers-node-arg"], "--import", "tsx"], stdio: "inherit" });
  let atReady: NodeJS.CpuUsage | undefined;
  return new Promise((resolve, reject) => {
    child.on("message", (m: CallersMessage) => {
      if (m.type === "ready") {
        atReady = process.cpuUsage();
        onReady();
      } else if (m.type === "report") {
        const self = process.cpuUsage(atReady);
        resolve({ ...m, fakesCpuMs: (self.user + self.system) / 1000 });
      } else reject(new Error(`callers failed: ${m.message}`));
    });
    child.on("exit", (code) => reject(new Error(`the callers process exited (${code}) without a report`)));
    child.send(req);
  });
}

function pct(h: Histogram): string {
  return `p50 ${fmtMs(h.percentile(50))} / p95 ${fmtMs(h.percentile(95))} / p99 ${fmtMs(h.percentile(99))} ms (n=${h.count})`;
}

/** The server's own split of each answered turn (CallTurn latency columns; platform = the rest). */
async function serverLatencies(db: Db, tenantId: string, callIds: string[]) {
  const turns = await systemDb(tenantId, "worker:bench-voice", db).db.callTurn.findMany({
    where: { callId: { in: callIds }, role: "AGENT", totalLatencyMs: { not: null } },
    select: { totalLatencyMs: true, endpointLatencyMs: true, sttLatencyMs: true, llmLatencyMs: true, ttsLatencyMs: true },
  });
  const h = () => new Histogram(1, 20_000);
  const split = { total: h(), endpoint: h(), stt: h(), llm: h(), tts: h(), provider: h(), platform: new Histogram(0.1, 2000) };
  for (const t of turns) {
    const parts = { endpointMs: t.endpointLatencyMs ?? 0, sttMs: t.sttLatencyMs ?? 0, llmMs: t.llmLatencyMs ?? 0, ttsMs: t.ttsLatencyMs ?? 0, totalMs: t.totalLatencyMs! };
    split.total.add(parts.totalMs);
    split.endpoint.add(parts.endpointMs);
    split.stt.add(parts.sttMs);
    split.llm.add(parts.llmMs);
    split.tts.add(parts.ttsMs);
    split.provider.add(parts.sttMs + parts.llmMs + parts.ttsMs);
    split.platform.add(platformMsOf(parts));
  }
  return split;
}

let phase = "starting";

async function main(): Promise<void> {
  loadDotenvFiles(process.cwd(), "development");
  let throwaway: ThrowawayDatabase | undefined;
  let server: ChildProcess | null = null;
  let db: Db | undefined;
  let recordings: string | undefined;
  let fakes: VendorFakes | undefined;
  // A benchmark that hangs should say where, and must not leave its voice server behind.
  const watchdog = setTimeout(() => {
    console.error(`bench:voice stuck while ${phase}: giving up`);
    server?.kill("SIGKILL");
    process.exit(1);
  }, (SECONDS + 300) * 1000);
  watchdog.unref();
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      server?.kill("SIGKILL");
      process.exit(130);
    });
  }
  try {
    process.env.AUTH_SECRET ||= randomBytes(32).toString("base64url");
    let voiceUrl = args["voice-url"];
    if (!voiceUrl) {
      phase = "creating the database";
      throwaway = await createThrowawayDatabase("bench_voice");
      process.env.DATABASE_URL = throwaway.url;
      await applyMigrations(throwaway.url);
    } else if (!process.env.DATABASE_URL) {
      throw new Error("--voice-url needs DATABASE_URL: the database that voice server uses (calls are created in it)");
    }
    db = createDb(process.env.DATABASE_URL!, { max: 4 });
    setDb(db);
    const { tenantId, e164 } = await seed(db);

    if (!voiceUrl) {
      if (FAKE_DELAYS) {
        phase = "starting the vendor fakes";
        fakes = await startVendorFakes(FAKE_DELAYS);
        Object.assign(SERVER_ENV, fakes.env);
      }
      const port = await pickPort();
      // The calls' recordings are benchmark litter: a temporary folder, removed at the end.
      recordings = SERVER_ENV.STORAGE_DIR || SERVER_ENV.S3_BUCKET ? undefined : await mkdtemp(path.join(tmpdir(), "bench-voice-recordings-"));
      voiceUrl = `ws://127.0.0.1:${port}`;
      server = spawn(process.execPath, [...args["server-node-arg"], "--import", "tsx", "server/voice/main.ts"], {
        env: { ...process.env, ...(recordings && { STORAGE_DIR: recordings }), ...SERVER_ENV, VOICE_PORT: String(port), VOICE_PUBLIC_URL: voiceUrl, LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? "warn", NODE_ENV: "development" },
        stdio: ["ignore", "inherit", "inherit"],
      });
    }
    // The TwiML names the stream at VOICE_PUBLIC_URL: this server's.
    process.env.VOICE_PUBLIC_URL = voiceUrl;
    phase = "waiting for the voice server";
    await waitHealthy(`${voiceUrl.replace(/^ws/, "http")}/health`, server);
    // From here on this process is the load (the vendor fakes live here; the callers' process, forked
    // later, inherits it): the voice server, already started, keeps its own priority.
    if (LOAD_NICE > 0) setPriority(LOAD_NICE);
    const pid = server?.pid;
    console.log(`voice server ${voiceUrl}${pid ? ` (pid ${pid})` : " (external: no CPU/RSS figures)"}, config ${CONFIG}, ${CALLS} calls × ${SECONDS} s; callers and fakes at nice ${LOAD_NICE}, turns ${STAGGER_MS ? `staggered over ${STAGGER_MS} ms` : "all at once (--stagger-ms 0)"}, ${LINE_NOISE_DBFS === undefined ? "silent lines between words" : `line noise ${LINE_NOISE_DBFS} dBFS`}`);
    if (FAKE_DELAYS) console.log(`vendor fakes (OpenAI STT + LLM, ElevenLabs TTS): STT ${FAKE_DELAYS.sttMs} ms, LLM first token ${FAKE_DELAYS.llmMs} ms, TTS first byte ${FAKE_DELAYS.ttsMs} ms`);

    const request = (calls: CallerJob[], seconds: number): CallersRequest => ({ type: "run", calls, seconds, turns: TURNS, voiceId: "local-en-us-2", gapMs: 700, rampMs: RAMP_MS, staggerMs: STAGGER_MS, lineNoiseDbfs: LINE_NOISE_DBFS });
    if (WARMUP_SEC > 0) {
      // One call first: models, grammars and the synthesiser load on first use, and belong in "idle".
      phase = "warming up";
      await runCallers(request(await placeCalls(1, e164), WARMUP_SEC), () => undefined);
    }
    phase = "placing the calls";
    const calls = await placeCalls(CALLS, e164);
    await sleep(1000);
    const idle = pid ? await procStat(pid) : undefined;
    const healthUrl = `${voiceUrl.replace(/^ws/, "http")}/health`;
    const pacingBefore = await pacingOf(healthUrl);
    let start: { cpuMs: number; rss: number; at: number } | undefined;
    let peakRss = idle?.rss ?? 0;
    const sampler = setInterval(() => {
      if (pid) void procStat(pid).then((s) => (peakRss = Math.max(peakRss, s.rss)), () => undefined);
    }, 200);
    phase = "running the callers";
    const report = await runCallers(request(calls, SECONDS), () => {
      if (pid) void procStat(pid).then((s) => (start = { ...s, at: performance.now() }));
    });
    const end = pid ? { ...(await procStat(pid)), at: performance.now() } : undefined;
    const pacingAfter = await pacingOf(healthUrl);
    clearInterval(sampler);
    // Turns are persisted as they finish; give the last ones a moment to land.
    await sleep(1500);
    const ids = calls.map((c) => c.parameters.callId!).filter(Boolean);
    phase = "reading the turns";
    const lat = await serverLatencies(db, tenantId, ids);

    const jitter = Histogram.fromJSON(report.jitter);
    const reply = Histogram.fromJSON(report.replyLatency);
    const barge = Histogram.fromJSON(report.bargeInToClear);
    const out: string[] = [];
    out.push(`calls: ${report.callsPlaced} placed, ${report.callsConnected} connected, ${report.callsHeld} held to the end (window ${(report.windowMs / 1000).toFixed(1)} s)`);
    for (const c of report.closedByServer) out.push(`  closed by the server early: ${c.count} × ${c.code} ${c.reason}`);
    out.push(`caller frames sent: ${report.framesSent}; agent frames received: ${report.framesReceived}, late ${report.framesLate}, malformed ${report.badFrames}; protocol errors ${report.protocolErrors}`);
    out.push(`outbound pacing jitter (caller-side arrival): p50 ${fmtMs(jitter.percentile(50))} ms, p99 ${fmtMs(jitter.percentile(99))} ms (n=${jitter.count})`);
    if (pacingBefore && pacingAfter) {
      // The server's own view, free of the callers process's scheduling (it shares the machine).
      const d = (k: "ticks" | "lateTicks" | "framesSent" | "underruns") => pacingAfter[k] - pacingBefore[k];
      out.push(
        `  server pacer: ${d("framesSent")} frames sent, ${d("underruns")} underruns (a caller's buffer ran dry with audio queued); ` +
          `${d("lateTicks")} of ${d("ticks")} ticks ≥ 10 ms late, tick lateness ${windowSpread(pacingBefore.tickLateHistogram, pacingAfter.tickLateHistogram)}; ` +
          `send jitter ${windowSpread(pacingBefore.sendJitterHistogram, pacingAfter.sendJitterHistogram)}; ` +
          `event-loop delay since start: p99 ${pacingAfter.loop?.p99Ms ?? "?"} / max ${pacingAfter.loop?.maxMs ?? "?"} ms`,
      );
    }
    out.push(`end of caller turn → first agent frame (caller clock): ${pct(reply)}; ${report.repliesMissing} turns without a reply`);
    out.push(`  server-measured speech end → first frame: ${pct(lat.total)}`);
    out.push(`    endpoint wait (policy): ${pct(lat.endpoint)}`);
    out.push(`    STT final (finalize → transcript): ${pct(lat.stt)}`);
    out.push(`    LLM first token (request → first delta): ${pct(lat.llm)}`);
    out.push(`    TTS first byte (request → first audio): ${pct(lat.tts)}`);
    out.push(`    provider time (STT + LLM + TTS): ${pct(lat.provider)}`);
    out.push(`    platform (the rest): ${pct(lat.platform)}`);
    out.push(`barge-in speech onset → clear: p50 ${fmtMs(barge.percentile(50))} ms, p95 ${fmtMs(barge.percentile(95))} ms (n=${barge.count}; of ${report.bargeIns} barge-ins, ${report.bargeInsWithoutClear} missed: the agent talked on with no clear; ${report.bargeInsTooLate} came after the agent had finished)`);
    if (idle && start && end) {
      const held = Math.max(1, report.callsConnected);
      const seconds = (end.at - start.at) / 1000;
      const cpuPerCallSec = (end.cpuMs - start.cpuMs) / held / seconds;
      const cores = (end.cpuMs - start.cpuMs) / (seconds * 1000);
      out.push(
        `voice server CPU: ${(end.cpuMs - start.cpuMs).toFixed(0)} ms over ${seconds.toFixed(1)} s (${(cores * 100).toFixed(0)}% of a core) = ` +
          `${cpuPerCallSec.toFixed(2)} ms per call per second`,
      );
      out.push(`voice server RSS: idle ${mb(idle.rss)}, peak ${mb(peakRss)} → ${mb((peakRss - idle.rss) / held)} per call`);
      // On one box the load competes with the server for the cores: past all of them every figure above
      // measures the box's run queue as much as the server.
      const pctOf = (ms: number) => ((ms / (seconds * 1000)) * 100).toFixed(0);
      out.push(
        `load on this machine: callers ${pctOf(report.cpuMs)}% of a core, vendor fakes + benchmark ${pctOf(report.fakesCpuMs)}%; ` +
          `with the voice server ${pctOf(end.cpuMs - start.cpuMs + report.cpuMs + report.fakesCpuMs)}% of one core (this machine has ${availableParallelism()})`,
      );
      out.push(`projected calls per core: ${cpuPerCallSec > 0 ? Math.floor(1000 / cpuPerCallSec) : "n/a"} (CPU only; RAM: ${mb((peakRss - idle.rss) / held)} per call)`);
      // A server that fell behind did less work per call than a healthy one would: the projection is then an upper bound.
      if (report.repliesMissing > 0 || report.framesLate > 0 || report.callsHeld < report.callsPlaced) {
        out.push("  note: the server did not keep up at this load (missing replies, late frames or dropped calls): the projection overstates capacity");
      }
    }
    console.log(out.join("\n"));
  } finally {
    phase = "cleaning up";
    if (server?.pid && server.exitCode === null) {
      server.kill("SIGTERM");
      await Promise.race([new Promise((r) => server!.once("exit", r)), sleep(10_000)]);
      if (server.exitCode === null) server.kill("SIGKILL");
    }
    await db?.$disconnect();
    await fakes?.close();
    if (recordings) await rm(recordings, { recursive: true, force: true });
    if (throwaway && !args["keep-db"]) await throwaway.drop();
    else if (throwaway) console.log(`database kept: ${throwaway.url}`);
  }
}

/** p50/p99/max between two reads of one of the pacer's histograms (1 ms buckets, the last ≥ 100). */
function windowSpread(before: number[] | undefined, after: number[] | undefined): string {
  if (!before || !after) return "n/a";
  const h = after.map((n, i) => n - (before[i] ?? 0));
  const total = h.reduce((a, n) => a + n, 0);
  if (total === 0) return "n/a";
  const at = (p: number) => {
    let seen = 0;
    for (let i = 0; i < h.length; i++) if ((seen += h[i]!) >= Math.ceil((p / 100) * total)) return i;
    return h.length - 1;
  };
  const max = h.findLastIndex((n) => n > 0);
  const ms = (i: number) => (i === h.length - 1 ? `≥${i}` : `${i}`);
  return `p50 ${ms(at(50))} / p99 ${ms(at(99))} / max ${ms(max)} ms`;
}

interface PacingFigures {
  tickLateHistogram: number[];
  sendJitterHistogram?: number[];
  ticks: number;
  lateTicks: number;
  framesSent: number;
  underruns: number;
}

/** The voice server's pacer figures from its /health (null when it does not show them). */
async function pacingOf(url: string): Promise<(PacingFigures & { loop?: { p50Ms: number; p99Ms: number; maxMs: number } }) | null> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(5000) });
    const body = (await res.json()) as { figures?: { pacing?: PacingFigures; eventLoop?: { p50Ms: number; p99Ms: number; maxMs: number } } };
    return body.figures?.pacing ? { ...body.figures.pacing, loop: body.figures.eventLoop } : null;
  } catch {
    return null;
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
