// npm run bench:startup — how long `npm run dev` takes until it is usable (the banner: app, voice
// server and worker all answer their health checks, database migrated and seeded), on a fresh
// embedded database and again on the existing one. Prints figures and the launcher's step times;
// asserts nothing (machines are shared).
// Uses its own ports (PORT, VOICE_PORT, WORKER_PORT, EMBEDDED_DB_PORT from the environment, else
// 3200/8280/8281/54349) and data directory, so a running `npm run dev` is not disturbed.
//
//   --cold   first start after `npm install`: also delete Next's dev cache (.next/dev) before the fresh
//            run. Don't use it while `npm run dev` runs in this tree.
//   --load=N run N busy-loop processes alongside (a loaded machine), stopped at the end.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";

const PORTS = {
  PORT: process.env.PORT || "3200",
  VOICE_PORT: process.env.VOICE_PORT || "8280",
  WORKER_PORT: process.env.WORKER_PORT || "8281",
  EMBEDDED_DB_PORT: process.env.EMBEDDED_DB_PORT || "54349",
};
const READY = /Frontdesk is ready \(development\) in ([\d.]+) s/;
const STEP = /^frontdesk ✓ (.+)$/gm;

function startOnce(dataDir: string): Promise<{ wallSec: number; reportedSec: number; steps: string[] }> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, ["--import", "tsx", "server/launcher/dev.ts"], {
      env: { ...process.env, ...PORTS, EMBEDDED_DB_DIR: dataDir, DATABASE_URL: "", REDIS_URL: "", APP_URL: `http://localhost:${PORTS.PORT}`, NO_COLOR: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    const timer = setTimeout(() => {
      child.kill("SIGINT");
      reject(new Error(`not ready after 180 s:\n${out.slice(-2000)}`));
    }, 180_000);
    child.stdout.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const match = READY.exec(out);
      if (match) {
        clearTimeout(timer);
        const wallSec = (performance.now() - t0) / 1000;
        const steps = [...out.matchAll(STEP)].map((m) => m[1]!);
        child.once("exit", () => resolve({ wallSec, reportedSec: Number(match[1]), steps }));
        child.kill("SIGINT");
      }
    });
    child.stderr.on("data", (chunk: Buffer) => (out += chunk.toString()));
    child.once("exit", (code) => {
      if (!READY.test(out)) {
        clearTimeout(timer);
        reject(new Error(`launcher exited with ${code} before ready:\n${out.slice(-2000)}`));
      }
    });
  });
}

const cold = process.argv.includes("--cold");
const loadArg = process.argv.find((a) => a.startsWith("--load="));
const busy: ChildProcess[] = Array.from({ length: loadArg ? Number(loadArg.slice(7)) : 0 }, () =>
  spawn(process.execPath, ["-e", "for(;;){}"], { stdio: "ignore" }),
);
const dir = await mkdtemp(path.join(os.tmpdir(), "frontdesk-bench-"));
const dataDir = path.join(dir, "pglite");
try {
  if (cold) await rm(path.join(".next", "dev"), { recursive: true, force: true });
  console.log(`load average before: ${os.loadavg().map((l) => l.toFixed(2)).join(" ")} (${os.cpus().length} cores, ${busy.length} busy loops)`);
  const fresh = await startOnce(dataDir);
  console.log(`fresh database${cold ? ", no .next/dev" : ""}: ready in ${fresh.wallSec.toFixed(1)} s (launcher reports ${fresh.reportedSec} s)`);
  for (const s of fresh.steps) console.log(`    ${s}`);
  const warm = await startOnce(dataDir);
  console.log(`existing database: ready in ${warm.wallSec.toFixed(1)} s (launcher reports ${warm.reportedSec} s)`);
  for (const s of warm.steps) console.log(`    ${s}`);
  console.log(`goal: usable within 60 s of npm install finishing`);
} finally {
  for (const p of busy) p.kill();
  await rm(dir, { recursive: true, force: true });
}
