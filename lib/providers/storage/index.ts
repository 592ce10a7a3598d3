// Picks the StorageProvider from the environment (lib/env.ts): S3 (or an S3-compatible server) when
// S3_BUCKET is set, else the local folder STORAGE_DIR.
import { getEnv, type Env } from "../../env";
import { LocalStorage } from "./local";
import { S3Storage } from "./s3";
import type { StorageProvider } from "./types";

export * from "./types";
export { StorageError, isStorageError, assertStorageKey, type StorageErrorCode } from "./errors";
export { LocalStorage } from "./local";
export { S3Storage } from "./s3";

type StorageEnv = Pick<Env, "STORAGE_DIR" | "S3_BUCKET" | "S3_REGION" | "S3_ENDPOINT" | "S3_ACCESS_KEY_ID" | "S3_SECRET_ACCESS_KEY" | "S3_FORCE_PATH_STYLE">;

export function createStorage(env: StorageEnv = getEnv()): StorageProvider {
  if (!env.S3_BUCKET) return new LocalStorage(env.STORAGE_DIR);
  return new S3Storage({
    bucket: env.S3_BUCKET,
    region: env.S3_REGION,
    endpoint: env.S3_ENDPOINT,
    accessKeyId: env.S3_ACCESS_KEY_ID,
    secretAccessKey: env.S3_SECRET_ACCESS_KEY,
    forcePathStyle: env.S3_FORCE_PATH_STYLE,
  });
}

let cached: StorageProvider | undefined;

/** This process's storage, built from the environment on first use. */
export function getStorage(): StorageProvider {
  cached ??= createStorage();
  return cached;
}

/** Tests: the storage this process uses from now on (undefined: back to the environment's). */
export function setStorage(storage: StorageProvider | undefined): void {
  cached = storage;
}
