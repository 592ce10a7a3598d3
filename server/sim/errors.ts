// The simulator's failures, each with a stable code (printed, and in --json output) and the exit status
// the CLI ends with, so scripts can tell a refused call from a typo in the arguments.
export const SIM_ERROR_EXIT = {
  BAD_ARGS: 2,
  REFUSED: 3,
  WEBHOOK_FAILED: 4,
  STREAM_FAILED: 5,
  TIMEOUT: 6,
  AUDIO_FAILED: 7,
  UNSUPPORTED: 8,
} as const;

export type SimErrorCode = keyof typeof SIM_ERROR_EXIT;

export class SimError extends Error {
  constructor(
    readonly code: SimErrorCode,
    message: string,
    opts: { cause?: unknown } = {},
  ) {
    super(message, { cause: opts.cause });
    this.name = "SimError";
  }

  get exitCode(): number {
    return SIM_ERROR_EXIT[this.code];
  }
}
