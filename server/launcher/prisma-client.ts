// The Prisma client is committed with a stamp of the schema it came from; checking the stamp costs
// milliseconds, so that is done here. Only a stale client (schema edited, Prisma upgraded) runs
// prisma/scripts/generate.ts, in a child process rather than calling its synchronous generateClient()
// here: generation takes seconds, and in a child it overlaps with the embedded database's start.
import { spawn } from "node:child_process";
import { clientIsCurrent } from "../../prisma/scripts/generate";

export function generatePrismaClient(opts: { tsxCli: string; cwd: string }): Promise<string> {
  if (clientIsCurrent(opts.cwd)) return Promise.resolve("Prisma client is up to date");
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [opts.tsxCli, "prisma/scripts/generate.ts"], {
      cwd: opts.cwd,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (d: Buffer) => (output += d.toString()));
    child.stderr.on("data", (d: Buffer) => (output += d.toString()));
    child.on("error", reject);
    child.on("close", (code, signal) => {
      const lines = output.trim().split("\n").filter(Boolean);
      if (code === 0) resolve(lines.at(-1) ?? "");
      else reject(new Error(`Generating the Prisma client failed (${signal ?? `exit ${code}`}):\n${output.trim()}`));
    });
  });
}
