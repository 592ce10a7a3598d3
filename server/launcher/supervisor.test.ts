// The supervisor against real child processes: tiny `node -e` scripts.
import { readFileSync } from "node:fs";
import { PassThrough } from "node:stream";
import { afterEach, describe, expect, it } from "vitest";
import { freePort } from "../../lib/test/free-port";
import { groupAlive, ReadinessError, Supervisor, type ExitInfo } from "./supervisor";

const NODE = process.execPath;
const supervisors: Supervisor[] = [];

function setup(opts: { onUnexpectedExit?: (e: ExitInfo) => void } = {}) {
  const output = new PassThrough();
  let text = "";
  output.on("data", (d: Buffer) => (text += d.toString()));
  const sup = new Supervisor({ output, colors: false, ...opts });
  supervisors.push(sup);
  return { sup, out: () => text };
}

afterEach(async () => {
  await Promise.all(supervisors.splice(0).map((s) => s.stopAll({ timeoutMs: 1000 })));
});

async function until(predicate: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Alive and not a zombie. */
function processAlive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return !/^[ZX]$/.test(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[0]!);
  } catch {
    return false;
  }
}

describe("Supervisor", () => {
  it("prefixes every line of stdout and stderr with the process name, across chunk boundaries", async () => {
    const { sup, out } = setup();
    sup.start({
      name: "alpha",
      command: NODE,
      args: ["-e", `process.stdout.write("hel"); setTimeout(() => { process.stdout.write("lo\\nworld\\nno-newline"); console.error("oops"); }, 50)`],
    });
    sup.start({ name: "b", command: NODE, args: ["-e", `console.log("from b")`] });
    await until(() => out().includes("no-newline"));
    await until(() => out().includes("from b"));
    const lines = out().trim().split("\n");
    expect(lines).toEqual(expect.arrayContaining(["alpha │ hello", "alpha │ world", "alpha │ oops", "alpha │ no-newline"]));
    // Names are padded to the longest one started so far.
    expect(lines).toContain("b     │ from b");
  });

  it("reports a child that exits on its own by name, with its code", async () => {
    const exits: ExitInfo[] = [];
    const { sup, out } = setup({ onUnexpectedExit: (e) => exits.push(e) });
    sup.start({ name: "voice", command: NODE, args: ["-e", `console.log("starting"); process.exit(3)`] });
    const crash = await sup.crashed;
    expect(crash).toEqual({ name: "voice", code: 3, signal: null });
    expect(exits).toEqual([crash]);
    // The child's last output comes before the verdict.
    expect(out()).toMatch(/voice │ starting\n✖ voice exited with code 3\n/);
  });

  it("reports a child killed by a signal, and one that cannot be spawned", async () => {
    const { sup, out } = setup();
    const child = sup.start({ name: "worker", command: NODE, args: ["-e", "setInterval(() => {}, 1000)"] });
    process.kill(child.pid!, "SIGKILL");
    expect(await sup.crashed).toMatchObject({ name: "worker", signal: "SIGKILL" });
    expect(out()).toContain("✖ worker was killed by SIGKILL");

    const other = setup();
    other.sup.start({ name: "ghost", command: "/nonexistent/binary" });
    expect(await other.sup.crashed).toMatchObject({ name: "ghost", error: expect.stringContaining("ENOENT") });
    expect(other.out()).toContain("✖ ghost could not start:");
  });

  it("stopAll stops children and their grandchildren, without reporting a crash", async () => {
    const exits: ExitInfo[] = [];
    const { sup, out } = setup({ onUnexpectedExit: (e) => exits.push(e) });
    // A parent that spawns a grandchild and exits on SIGTERM without passing it on.
    const script = `
      const { spawn } = require("node:child_process");
      const g = spawn(process.execPath, ["-e", "setInterval(() => {}, 1000)"], { stdio: "ignore" });
      console.log("grandchild " + g.pid);
      process.on("SIGTERM", () => process.exit(0));
      setInterval(() => {}, 1000);`;
    const child = sup.start({ name: "app", command: NODE, args: ["-e", script] });
    await until(() => /grandchild \d+/.test(out()));
    const grandchild = Number(/grandchild (\d+)/.exec(out())![1]);
    expect(processAlive(grandchild)).toBe(true);
    expect(groupAlive(child.pid)).toBe(true);

    await sup.stopAll({ timeoutMs: 3000 });
    expect(processAlive(child.pid!)).toBe(false);
    expect(processAlive(grandchild)).toBe(false);
    expect(groupAlive(child.pid)).toBe(false);
    expect(exits).toEqual([]);
    expect(out()).not.toContain("✖");
  });

  it("stopAll escalates to SIGKILL for a process group that ignores SIGTERM", async () => {
    const { sup, out } = setup();
    const child = sup.start({
      name: "stubborn",
      command: NODE,
      args: ["-e", `process.on("SIGTERM", () => console.log("ignoring SIGTERM")); console.log("up"); setInterval(() => {}, 1000)`],
    });
    await until(() => out().includes("up"));
    const started = Date.now();
    await sup.stopAll({ timeoutMs: 300 });
    expect(Date.now() - started).toBeLessThan(5000);
    expect(processAlive(child.pid!)).toBe(false);
    expect(out()).toContain("stubborn │ ignoring SIGTERM");
    expect(out()).toContain("! stubborn did not stop within 300 ms; killing it");
  });

  it("waitForHttp resolves once every endpoint answers, with status and JSON body", async () => {
    const { sup } = setup();
    const port = await freePort();
    const server = `setTimeout(() => require("node:http").createServer((q, s) => { s.writeHead(503, { "content-type": "application/json" }); s.end(JSON.stringify({ status: "degraded" })); }).listen(${port}, "127.0.0.1"), 300)`;
    sup.start({ name: "svc", command: NODE, args: ["-e", server] });
    const [ready] = await sup.waitForHttp([{ name: "svc", url: `http://127.0.0.1:${port}/health` }], { timeoutMs: 5000, intervalMs: 50 });
    expect(ready).toEqual({ name: "svc", url: `http://127.0.0.1:${port}/health`, status: 503, body: { status: "degraded" } });
  });

  it("waitForHttp re-polls a non-2xx answer for up to settleMs, then accepts it", async () => {
    const { sup } = setup();
    const [flaky, down] = [await freePort(), await freePort()];
    const server = (port: number, okFrom: number) =>
      `let n = 0; require("node:http").createServer((q, s) => { n++; s.writeHead(n < ${okFrom} ? 503 : 200); s.end(String(n)); }).listen(${port}, "127.0.0.1")`;
    sup.start({ name: "flaky", command: NODE, args: ["-e", server(flaky, 3)] });
    sup.start({ name: "down", command: NODE, args: ["-e", server(down, Infinity)] });
    // Re-polled while the settle time lasts: here longer than any machine needs for the two re-polls
    // (in 400 ms, a busy one could answer the second poll too late and have its 503 accepted).
    const [a] = await sup.waitForHttp([{ name: "flaky", url: `http://127.0.0.1:${flaky}/` }], { timeoutMs: 5000, intervalMs: 50, settleMs: 60_000 });
    expect(a).toMatchObject({ status: 200, body: 3 });
    // ... and accepted as it is once the settle time is over.
    const started = Date.now();
    const [b] = await sup.waitForHttp([{ name: "down", url: `http://127.0.0.1:${down}/` }], { timeoutMs: 3000, intervalMs: 50, settleMs: 400 });
    expect(b).toMatchObject({ status: 503 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(400);
  });

  it("waitForHttp fails fast when a child exits before it is ready, and names what never answered", async () => {
    const { sup } = setup();
    const port = await freePort();
    sup.start({ name: "voice", command: NODE, args: ["-e", "setTimeout(() => process.exit(1), 100)"] });
    const started = Date.now();
    const err = await sup.waitForHttp([{ name: "voice", url: `http://127.0.0.1:${port}/health` }], { timeoutMs: 10_000 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ReadinessError);
    expect((err as Error).message).toBe("voice exited with code 1 before it was ready");
    expect(Date.now() - started).toBeLessThan(5000);

    const other = setup();
    other.sup.start({ name: "idle", command: NODE, args: ["-e", "setInterval(() => {}, 1000)"] });
    const timeout = await other.sup.waitForHttp([{ name: "idle", url: `http://127.0.0.1:${port}/` }], { timeoutMs: 300 }).catch((e: unknown) => e);
    expect(timeout).toMatchObject({ message: "Not ready after 0 s: idle", pending: ["idle"] });
  });
});
