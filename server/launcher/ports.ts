// Checking ports before starting anything, so a clash is one clear message naming every variable to
// change, instead of a stack trace from whichever process lost the race (or a fix-and-retry per port).
import { createServer } from "node:net";

export interface PortClaim {
  port: number;
  /** The variable that sets it, e.g. "VOICE_PORT". */
  variable: string;
  purpose: string;
  /** Default: all interfaces, as the servers bind. */
  host?: string;
}

const ADVICE = 'Another "npm run dev" may still be running; stop it, or set';

export class PortInUseError extends Error {
  constructor(
    readonly port: number,
    readonly variable: string,
    purpose: string,
  ) {
    super(`Port ${port} (${variable}, ${purpose}) is already in use. ${ADVICE} ${variable} to a free port.`);
    this.name = "PortInUseError";
  }
}

/** Several ports taken at once: one message naming them all. */
export class PortsInUseError extends Error {
  constructor(readonly busy: PortClaim[]) {
    const list = busy.map((c) => `${c.port} (${c.variable}, ${c.purpose})`).join(", ");
    const variables = busy.map((c) => c.variable).join(", ");
    super(`Ports ${list} are already in use. ${ADVICE} ${variables} to free ports.`);
    this.name = "PortsInUseError";
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

/**
 * Probes every claim (one after another, so two claims of one port cannot trip each other) and throws
 * once: the same port named by two variables, else every busy port in one PortsInUseError (a
 * PortInUseError when only one is busy).
 */
export async function assertPortsFree(claims: PortClaim[]): Promise<void> {
  const byPort = new Map<number, PortClaim>();
  for (const claim of claims) {
    const other = byPort.get(claim.port);
    if (other) throw new Error(`${other.variable} and ${claim.variable} are both ${claim.port}: give each its own port.`);
    byPort.set(claim.port, claim);
  }
  const busy: PortClaim[] = [];
  for (const claim of claims) {
    try {
      await assertPortFree(claim.port, claim.variable, claim.purpose, claim.host);
    } catch (err) {
      if (!(err instanceof PortInUseError)) throw err;
      busy.push(claim);
    }
  }
  if (busy.length === 1) throw new PortInUseError(busy[0]!.port, busy[0]!.variable, busy[0]!.purpose);
  if (busy.length > 1) throw new PortsInUseError(busy);
}
