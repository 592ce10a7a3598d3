// Object storage for recordings (and, in the knowledge issue, uploaded documents). Keys are
// "tenants/<tenantId>/..." paths; callers build them with storageKey helpers, never from user input.
import type { Readable } from "node:stream";

export interface StoredObject {
  body: Readable;
  contentType: string;
  size: number;
}

export interface StorageProvider {
  readonly name: string;
  put(key: string, body: Buffer | Readable, opts: { contentType: string; size?: number }): Promise<void>;
  /** null when the key does not exist. */
  get(key: string, range?: { start: number; end?: number }): Promise<StoredObject | null>;
  delete(key: string): Promise<void>;
  exists(key: string): Promise<boolean>;
}
