// Picks the StorageProvider from the environment: S3 (or an S3-compatible server) when S3_BUCKET is
// set, else the local folder. Its variables are parsed here rather than in lib/env.ts, blank = unset:
//   STORAGE_DIR           local root (default .data/storage, relative to the working directory)
//   S3_BUCKET             switches to S3
//   S3_REGION             default us-east-1
//   S3_ENDPOINT           MinIO / s3rver / R2 URL; unset for AWS
//   S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY   both or neither (neither: the SDK's default chain)
//   S3_FORCE_PATH_STYLE   "true"/"1" for path-style URLs (MinIO, s3rver)
import { z } from "zod";
import { LocalStorage } from "./local";
import { S3Storage } from "./s3";
import type { StorageProvider } from "./types";

export * from "./types";
export { StorageError, isStorageError, assertStorageKey, type StorageErrorCode } from "./errors";
export { LocalStorage } from "./local";
export { S3Storage } from "./s3";

const blank = (inner: z.ZodType<string | undefined> = z.string().optional()) =>
  z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : typeof v === "string" ? v.trim() : v), inner);

const schema = z
  .object({
    STORAGE_DIR: blank(z.string().default(".data/storage")),
    S3_BUCKET: blank(),
    S3_REGION: blank(z.string().default("us-east-1")),
    S3_ENDPOINT: blank(z.url().optional()),
    S3_ACCESS_KEY_ID: blank(),
    S3_SECRET_ACCESS_KEY: blank(),
    S3_FORCE_PATH_STYLE: blank(z.enum(["true", "false", "1", "0"]).optional()),
  })
  .refine((v) => !v.S3_ACCESS_KEY_ID === !v.S3_SECRET_ACCESS_KEY, {
    message: "set both S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY, or neither",
    path: ["S3_SECRET_ACCESS_KEY"],
  });

export type StorageEnv = z.infer<typeof schema>;

export function parseStorageEnv(source: Record<string, string | undefined>): StorageEnv {
  const parsed = schema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".") || "(env)"}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join("\n")}`);
  }
  return parsed.data;
}

export function createStorage(source: Record<string, string | undefined> = process.env): StorageProvider {
  const env = parseStorageEnv(source);
  if (!env.S3_BUCKET) return new LocalStorage(env.STORAGE_DIR!);
  return new S3Storage({
    bucket: env.S3_BUCKET,
    region: env.S3_REGION!,
    endpoint: env.S3_ENDPOINT,
    accessKeyId: env.S3_ACCESS_KEY_ID,
    secretAccessKey: env.S3_SECRET_ACCESS_KEY,
    forcePathStyle: env.S3_FORCE_PATH_STYLE === "true" || env.S3_FORCE_PATH_STYLE === "1",
  });
}

let cached: StorageProvider | undefined;

/** This process's storage (built on first use, so tests can set the variables first). */
export function getStorage(): StorageProvider {
  cached ??= createStorage();
  return cached;
}
