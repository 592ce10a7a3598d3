// Runs prisma/scripts/generate.ts (a no-op when the client is current) in a child process rather than
// calling its synchronous generateClient() here: on a fresh checkout generation takes seconds, and
// in a child it overlaps with the embedded database's first start in this process.
import { spawn } from "node:child_process";

export function generatePrismaClient(opts: { tsxCli: string; cwd: string }): Promise<string> {
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
