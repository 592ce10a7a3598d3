// Runs named child processes for the launcher: each in its own process group (so stopping one also
// stops what it spawned, e.g. `next dev`'s server process), output prefixed line by line with its
// coloured name, readiness polling over HTTP, crash reporting by name, and one ordered stop.
import { spawn, type ChildProcess } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { StringDecoder } from "node:string_decoder";
import type { Readable } from "node:stream";
import { SHUTDOWN_GRACE_MS } from "../shared/shutdown";

export type ColorName = "cyan" | "magenta" | "yellow" | "green" | "blue" | "red" | "gray" | "bold";

const ANSI: Record<ColorName, [string, string]> = {
  cyan: ["\x1b[36m", "\x1b[39m"],
  magenta: ["\x1b[35m", "\x1b[39m"],
  yellow: ["\x1b[33m", "\x1b[39m"],
  green: ["\x1b[32m", "\x1b[39m"],
  blue: ["\x1b[34m", "\x1b[39m"],
  red: ["\x1b[31m", "\x1b[39m"],
  gray: ["\x1b[90m", "\x1b[39m"],
  bold: ["\x1b[1m", "\x1b[22m"],
};

export interface ProcessSpec {
  name: string;
  command: string;
  args?: string[];
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  color?: ColorName;
}

export interface ExitInfo {
  name: string;
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Set when the process could not be started at all (e.g. command not found). */
  error?: string;
}

export interface SupervisorOptions {
  /** Where prefixed output goes. Default process.stdout. */
  output?: NodeJS.WritableStream;
  /** ANSI colours. Default: output is a TTY and NO_COLOR is unset. */
  colors?: boolean;
  /** Rewrites one line of a child's output before it is prefixed (e.g. pretty-printing JSON logs). */
  formatLine?: (line: string, name: string) => string;
  /** Called once per child that exits while not being stopped. */
  onUnexpectedExit?: (exit: ExitInfo) => void;
  /** Names to align prefixes for before they start (otherwise: the longest started so far). */
  names?: string[];
}

export interface HttpTarget {
  name: string;
  url: string;
}

export interface HttpReadiness extends HttpTarget {
  status: number;
  body: unknown;
}

export class ReadinessError extends Error {
  constructor(
    message: string,
    readonly pending: string[],
  ) {
    super(message);
    this.name = "ReadinessError";
  }
}

interface Managed {
  spec: ProcessSpec;
  child: ChildProcess;
  exit?: ExitInfo;
  exited: Promise<ExitInfo>;
}

export function describeExit(exit: ExitInfo): string {
  if (exit.error) return `${exit.name} could not start: ${exit.error}`;
  if (exit.signal) return `${exit.name} was killed by ${exit.signal}`;
  return `${exit.name} exited with code ${exit.code}`;
}

export class Supervisor {
  private readonly out: NodeJS.WritableStream;
  private readonly colors: boolean;
  private readonly managed: Managed[] = [];
  private nameWidth = 0;
  private stopping = false;
  private firstCrash?: (exit: ExitInfo) => void;
  /** Resolves with the first unexpected exit (never, if none happens). */
  readonly crashed: Promise<ExitInfo>;

  constructor(private readonly opts: SupervisorOptions = {}) {
    this.out = opts.output ?? process.stdout;
    this.colors = opts.colors ?? (Boolean((this.out as { isTTY?: boolean }).isTTY) && !process.env.NO_COLOR);
    this.crashed = new Promise((resolve) => (this.firstCrash = resolve));
    this.nameWidth = Math.max(0, ...(opts.names ?? []).map((n) => n.length));
  }

  get colorsEnabled(): boolean {
    return this.colors;
  }

  paint(color: ColorName, text: string): string {
    return this.colors ? `${ANSI[color][0]}${text}${ANSI[color][1]}` : text;
  }

  /** A line of the launcher's own, unprefixed. */
  print(text = ""): void {
    this.out.write(`${text}\n`);
  }

  start(spec: ProcessSpec): ChildProcess {
    if (this.stopping) throw new Error(`Cannot start ${spec.name}: stopping`);
    this.nameWidth = Math.max(this.nameWidth, spec.name.length);
    const child = spawn(spec.command, spec.args ?? [], {
      cwd: spec.cwd,
      env: spec.env ?? process.env,
      stdio: ["ignore", "pipe", "pipe"],
      // Own process group: signals go to the whole tree, and a terminal's Ctrl-C reaches only us,
      // so shutdown happens in our order.
      detached: true,
    });
    let settle!: (exit: ExitInfo) => void;
    const entry: Managed = { spec, child, exited: new Promise((r) => (settle = r)) };
    this.managed.push(entry);

    const streams = [child.stdout, child.stderr].filter((s): s is Readable => s !== null);
    const flushed = Promise.all(streams.map((s) => this.pipeLines(s, spec)));
    const finish = (exit: ExitInfo) => {
      if (entry.exit) return;
      entry.exit = exit;
      // Let the last lines of output land before the verdict (bounded: a grandchild may hold the pipe).
      void Promise.race([flushed, new Promise((r) => setTimeout(r, 200))]).then(() => {
        settle(exit);
        if (!this.stopping) this.reportCrash(exit);
      });
    };
    child.on("exit", (code, signal) => finish({ name: spec.name, code, signal }));
    child.on("error", (err) => finish({ name: spec.name, code: null, signal: null, error: err.message }));
    return child;
  }

  /** Names of children that have not exited. */
  get running(): string[] {
    return this.managed.filter((m) => !m.exit).map((m) => m.spec.name);
  }

  /**
   * Polls each URL until it answers with any HTTP response (a 503 is an answer: the server is up and
   * reporting a dependency; see settleMs). Rejects if a child exits first or the deadline passes.
   */
  async waitForHttp(
    targets: HttpTarget[],
    opts: { timeoutMs?: number; intervalMs?: number; settleMs?: number } = {},
  ): Promise<HttpReadiness[]> {
    const timeoutMs = opts.timeoutMs ?? 90_000;
    const intervalMs = opts.intervalMs ?? 200;
    // A non-2xx answer is re-polled for up to settleMs (a first health check right after start can
    // be slow), then accepted as the endpoint's state.
    const settleMs = opts.settleMs ?? 0;
    const abort = new AbortController();
    const deadline = Date.now() + timeoutMs;
    const ready = new Set<string>();

    const poll = async (target: HttpTarget): Promise<HttpReadiness> => {
      let firstAnswerAt: number | undefined;
      while (!abort.signal.aborted) {
        try {
          // Generous per request: `next dev` compiles a route on its first request.
          const signal = AbortSignal.any([abort.signal, AbortSignal.timeout(Math.max(1000, deadline - Date.now()))]);
          const res = await fetch(target.url, { signal, headers: { accept: "application/json" } });
          const text = await res.text();
          let body: unknown = text;
          try {
            body = JSON.parse(text);
          } catch {
            // not JSON: keep the text
          }
          firstAnswerAt ??= Date.now();
          if (res.ok || Date.now() - firstAnswerAt >= settleMs) {
            ready.add(target.name);
            return { ...target, status: res.status, body };
          }
        } catch {
          if (abort.signal.aborted) break;
        }
        await new Promise((r) => setTimeout(r, intervalMs));
      }
      throw new Error("aborted");
    };

    let timer: NodeJS.Timeout | undefined;
    const pendingNames = () => targets.filter((t) => !ready.has(t.name)).map((t) => t.name);
    const failure = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        const pending = pendingNames();
        reject(new ReadinessError(`Not ready after ${Math.round(timeoutMs / 1000)} s: ${pending.join(", ")}`, pending));
      }, timeoutMs);
      void this.crashed.then((exit) =>
        reject(new ReadinessError(`${describeExit(exit)} before it was ready`, pendingNames())),
      );
    });
    try {
      return await Promise.race([Promise.all(targets.map(poll)), failure]);
    } finally {
      clearTimeout(timer);
      abort.abort();
    }
  }

  /**
   * SIGTERM to every child's process group, wait until each group is empty, SIGKILL what is left
   * after `timeoutMs` (default SHUTDOWN_GRACE_MS, the budget the children plan their own shutdown
   * within). Exits during this are expected and not reported as crashes.
   */
  async stopAll(opts: { timeoutMs?: number; signal?: NodeJS.Signals } = {}): Promise<void> {
    this.stopping = true;
    const timeoutMs = opts.timeoutMs ?? SHUTDOWN_GRACE_MS;
    for (const m of this.managed) signalGroup(m.child.pid, opts.signal ?? "SIGTERM");
    const gone = () => this.managed.every((m) => m.exit && !groupAlive(m.child.pid));
    const deadline = Date.now() + timeoutMs;
    while (!gone() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    if (!gone()) {
      for (const m of this.managed) {
        if (!m.exit || groupAlive(m.child.pid)) {
          this.print(this.paint("yellow", `! ${m.spec.name} did not stop within ${timeoutMs} ms; killing it`));
          signalGroup(m.child.pid, "SIGKILL");
        }
      }
      const hardDeadline = Date.now() + 2000;
      while (!gone() && Date.now() < hardDeadline) await new Promise((r) => setTimeout(r, 50));
    }
    await Promise.race([Promise.all(this.managed.map((m) => m.exited)), new Promise((r) => setTimeout(r, 500))]);
  }

  /** Immediate SIGKILL of every group (a second Ctrl-C). */
  killAll(): void {
    this.stopping = true;
    for (const m of this.managed) signalGroup(m.child.pid, "SIGKILL");
  }

  private reportCrash(exit: ExitInfo): void {
    this.print(this.paint("red", `✖ ${describeExit(exit)}`));
    this.opts.onUnexpectedExit?.(exit);
    this.firstCrash?.(exit);
    this.firstCrash = undefined;
  }

  private pipeLines(stream: Readable, spec: ProcessSpec): Promise<void> {
    const decoder = new StringDecoder("utf8");
    let pending = "";
    const emit = (raw: string) => {
      // Terminal cursor show/hide codes (next prints them on exit) would leave an empty prefixed line.
      const line = raw.replace(/\x1b\[\?25[hl]/g, "");
      if (line === "" && raw !== "") return;
      const text = this.opts.formatLine ? this.opts.formatLine(line, spec.name) : line;
      const tag = this.paint(spec.color ?? "gray", `${spec.name.padEnd(this.nameWidth)} │`);
      for (const part of text.split("\n")) this.out.write(`${tag} ${part}\n`);
    };
    return new Promise((resolve) => {
      stream.on("data", (chunk: Buffer) => {
        pending += decoder.write(chunk);
        const lines = pending.split(/\r?\n/);
        pending = lines.pop() ?? "";
        for (const line of lines) emit(line);
      });
      const end = () => {
        pending += decoder.end();
        if (pending) emit(pending);
        pending = "";
        resolve();
      };
      stream.once("end", end);
      stream.once("error", end);
    });
  }
}

function signalGroup(pid: number | undefined, signal: NodeJS.Signals): void {
  if (!pid) return;
  try {
    process.kill(-pid, signal);
  } catch {
    // ESRCH: the group is already empty
  }
}

/**
 * Whether any live (non-zombie) process remains in process group `pgid`. On Linux this reads /proc,
 * because kill(-pgid, 0) also succeeds for zombies that nobody has reaped yet.
 */
export function groupAlive(pgid: number | undefined): boolean {
  if (!pgid) return false;
  if (process.platform === "linux") {
    let entries: string[];
    try {
      entries = readdirSync("/proc");
    } catch {
      entries = [];
    }
    if (entries.length > 0) {
      for (const entry of entries) {
        if (!/^\d+$/.test(entry)) continue;
        let stat: string;
        try {
          stat = readFileSync(`/proc/${entry}/stat`, "utf8");
        } catch {
          continue; // exited meanwhile
        }
        // "pid (comm) state ppid pgrp ...": comm may contain anything, so parse after the last ")".
        const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
        if (Number(fields[2]) === pgid && fields[0] !== "Z" && fields[0] !== "X") return true;
      }
      return false;
    }
  }
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}
