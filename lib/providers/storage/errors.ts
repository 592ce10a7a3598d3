// Errors every storage provider throws for the same reasons, so callers (the recording route) handle
// one type whatever the backend. Keys are built by code, so INVALID_KEY means a bug, not a user.
export type StorageErrorCode = "INVALID_KEY" | "INVALID_RANGE" | "RANGE_NOT_SATISFIABLE" | "SIZE_MISMATCH";

export class StorageError extends Error {
  readonly code: StorageErrorCode;
  /** RANGE_NOT_SATISFIABLE: the object's size, when the backend told it. */
  readonly totalSize?: number;

  constructor(code: StorageErrorCode, message: string, opts: { totalSize?: number; cause?: unknown } = {}) {
    super(message, { cause: opts.cause });
    this.name = "StorageError";
    this.code = code;
    this.totalSize = opts.totalSize;
  }
}

export function isStorageError(e: unknown, code?: StorageErrorCode): e is StorageError {
  return e instanceof StorageError && (code === undefined || e.code === code);
}

const KEY_CHARS = /^[A-Za-z0-9/._-]+$/;
export const MAX_KEY_LENGTH = 1024;

/**
 * Refuses anything that could leave the storage root or mean different objects on different backends:
 * absolute paths, "." and ".." segments, empty segments ("a//b", a trailing "/"), and characters
 * outside [A-Za-z0-9/._-] (which also keeps the local provider's "~" temp and meta names collision-free).
 */
export function assertStorageKey(key: unknown): asserts key is string {
  if (typeof key !== "string" || key.length === 0) throw new StorageError("INVALID_KEY", "storage key must be a non-empty string");
  if (key.length > MAX_KEY_LENGTH) throw new StorageError("INVALID_KEY", `storage key is longer than ${MAX_KEY_LENGTH} characters`);
  if (!KEY_CHARS.test(key)) throw new StorageError("INVALID_KEY", `storage key "${key}" may only contain A-Z a-z 0-9 / . _ -`);
  if (key.startsWith("/")) throw new StorageError("INVALID_KEY", `storage key "${key}" must be relative`);
  for (const segment of key.split("/")) {
    if (segment === "" || segment === "." || segment === "..") {
      throw new StorageError("INVALID_KEY", `storage key "${key}" has an empty, "." or ".." segment`);
    }
  }
}

export interface ByteRange {
  start: number;
  end?: number;
}

export function assertRange(range: ByteRange | undefined): void {
  if (!range) return;
  const { start, end } = range;
  if (!Number.isSafeInteger(start) || start < 0) throw new StorageError("INVALID_RANGE", `range start ${start} is not a non-negative integer`);
  if (end !== undefined && (!Number.isSafeInteger(end) || end < start)) {
    throw new StorageError("INVALID_RANGE", `range end ${end} is not an integer at or after start ${start}`);
  }
}

/** The inclusive [start, end] actually served from an object of `total` bytes. */
export function resolveRange(range: ByteRange, total: number): { start: number; end: number } {
  if (range.start >= total) {
    throw new StorageError("RANGE_NOT_SATISFIABLE", `range starts at ${range.start}, the object has ${total} bytes`, { totalSize: total });
  }
  return { start: range.start, end: Math.min(range.end ?? total - 1, total - 1) };
}
