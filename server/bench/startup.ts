// npm run bench:startup — how long `npm run dev` takes until it is usable (the banner: app, voice
// server and worker all answer their health checks, database migrated and seeded), on a fresh
// embedded database and again on the existing one. Prints figures; asserts nothing (machines are shared).
// Uses its own ports and data directory, so a running `npm run dev` is not disturbed.
import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";

const PORTS = { PORT: "3200", VOICE_PORT: "8280", WORKER_PORT: "8281", EMBEDDED_DB_PORT: "54349" };
const READY = /Frontdesk is ready \(development\) in ([\d.]+) s/;

function startOnce(dataDir: string): Promise<{ wallSec: number; reportedSec: number }> {
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
        child.once("exit", () => resolve({ wallSec, reportedSec: Number(match[1]) }));
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

const dir = await mkdtemp(path.join(os.tmpdir(), "frontdesk-bench-"));
const dataDir = path.join(dir, "pglite");
try {
  console.log(`load average before: ${os.loadavg().map((l) => l.toFixed(2)).join(" ")} (${os.cpus().length} cores)`);
  const fresh = await startOnce(dataDir);
  console.log(`fresh database:    ready in ${fresh.wallSec.toFixed(1)} s (launcher reports ${fresh.reportedSec} s)`);
  const warm = await startOnce(dataDir);
  console.log(`existing database: ready in ${warm.wallSec.toFixed(1)} s (launcher reports ${warm.reportedSec} s)`);
  console.log(`goal: usable within 60 s of npm install finishing`);
} finally {
  await rm(dir, { recursive: true, force: true });
}
