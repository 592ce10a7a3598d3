// Object storage for recordings (and, in the knowledge issue, uploaded documents). Keys are
// "tenants/<tenantId>/..." paths; callers build them with storageKey helpers, never from user input.
import type { Readable } from "node:stream";

export interface StoredObject {
  body: Readable;
  contentType: string;
  /** Bytes in `body` (the range's length for a ranged get). */
  size: number;
  /** Bytes in the whole object, ranged or not (what an HTTP Content-Range names after the slash). */
  totalSize: number;
}

export interface StorageProvider {
  readonly name: string;
  put(key: string, body: Buffer | Readable, opts: { contentType: string; size?: number }): Promise<void>;
  /**
   * null when the key does not exist. `range` is inclusive (like HTTP's bytes=start-end); an end past
   * the object is clamped, a start at or past its end throws StorageError RANGE_NOT_SATISFIABLE.
   */
  get(key: string, range?: { start: number; end?: number }): Promise<StoredObject | null>;
  delete(key: string): Promise<void>;
  exists(key: string): Promise<boolean>;
}
