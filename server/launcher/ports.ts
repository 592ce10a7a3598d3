// Checking ports before starting anything, so a clash is one clear line naming the variable to change
// instead of a stack trace from whichever process lost the race.
import { createServer } from "node:net";

export class PortInUseError extends Error {
  constructor(
    readonly port: number,
    readonly variable: string,
    purpose: string,
  ) {
    super(
      `Port ${port} (${variable}, ${purpose}) is already in use. Another "npm run dev" may still be running; ` +
        `stop it, or set ${variable} to a free port.`,
    );
    this.name = "PortInUseError";
  }
}

/** Resolves if `port` can be bound on `host` (default: all interfaces, as the servers bind). */
export function assertPortFree(port: number, variable: string, purpose: string, host?: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", (err: NodeJS.ErrnoException) =>
      reject(err.code === "EADDRINUSE" ? new PortInUseError(port, variable, purpose) : new Error(`Cannot bind port ${port} (${variable}): ${err.message}`)),
    );
    probe.listen({ port, host, exclusive: true }, () => probe.close(() => resolve()));
  });
}
