// One error type for the whole domain, with a stable code that clients can rely on.
// lib/http/error-response.ts maps it (and ZodError, Prisma errors) to HTTP.

export const ERROR_STATUS = {
  // A multipart body that cannot be read (no boundary, truncated, no file part).
  BAD_MULTIPART: 400,
  // A web-page import of an address the server must not fetch (private, loopback, metadata).
  UNSAFE_URL: 400,
  UNAUTHENTICATED: 401,
  // API keys (Authorization: Bearer): unknown or malformed, revoked, past its expiry.
  INVALID_API_KEY: 401,
  API_KEY_REVOKED: 401,
  API_KEY_EXPIRED: 401,
  FORBIDDEN: 403,
  CSRF_FAILED: 403,
  TENANT_SUSPENDED: 403,
  NOT_FOUND: 404,
  RECORDING_NOT_FOUND: 404,
  VOICE_NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  EMAIL_TAKEN: 409,
  // Team: inviting someone who is already in the workspace; removing or demoting its last admin.
  ALREADY_MEMBER: 409,
  LAST_ADMIN: 409,
  // An invite link that was revoked, replaced by a resend, used, or has expired.
  INVITE_INVALID: 410,
  PHONE_NUMBER_TAKEN: 409,
  CONFLICT: 409,
  DUPLICATE_DOCUMENT: 409,
  NOT_RETRYABLE: 409,
  // A test call to an agent that is switched off, or with every line of the plan in use.
  AGENT_DISABLED: 409,
  LINES_BUSY: 409,
  // Ending a call that is no longer (or not yet) in progress.
  CALL_NOT_LIVE: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RANGE_NOT_SATISFIABLE: 416,
  VALIDATION_FAILED: 422,
  QUOTA_EXCEEDED: 422,
  THROTTLED: 429,
  // Overloaded for a moment (e.g. the password-hashing pool is full): not the caller's fault, retry soon.
  BUSY: 503,
  INTERNAL: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly field?: string;
  /** For THROTTLED and BUSY: when to try again; the HTTP mapper sends it as Retry-After. */
  readonly retryAfterSec?: number;
  /** The code's usual status, unless overridden (a suspended workspace is 403 for a session, 401 for an API key). */
  private readonly statusOverride?: number;

  constructor(code: ErrorCode, message: string, opts: { field?: string; cause?: unknown; retryAfterSec?: number; status?: number } = {}) {
    super(message, { cause: opts.cause });
    this.name = "AppError";
    this.code = code;
    this.field = opts.field;
    this.retryAfterSec = opts.retryAfterSec;
    this.statusOverride = opts.status;
  }

  get status(): number {
    return this.statusOverride ?? ERROR_STATUS[this.code];
  }
}

export function notFound(what: string): AppError {
  return new AppError("NOT_FOUND", `${what} not found`);
}

export function isAppError(e: unknown, code?: ErrorCode): e is AppError {
  return e instanceof AppError && (code === undefined || e.code === code);
}
