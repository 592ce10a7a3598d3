// The S3 provider against s3rver, an S3-compatible server on a free port: the SDK code path is real
// (signing, path-style URLs, ranges, multipart), only the far end is local.
import { parseEnv } from "../../env";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { buffer } from "node:stream/consumers";
import S3rver from "s3rver";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "../../test/free-port";
import { describeStorageContract } from "./contract";
import { createStorage, S3Storage } from "./index";

let dir: string;
let server: S3rver;
let s3: S3Storage;
let endpoint: string;
const env = () => ({
  S3_BUCKET: "recordings",
  S3_ENDPOINT: endpoint,
  S3_ACCESS_KEY_ID: "S3RVER",
  S3_SECRET_ACCESS_KEY: "S3RVER",
  S3_FORCE_PATH_STYLE: "true",
});

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "frontdesk-s3rver-"));
  const port = await freePort();
  server = new S3rver({ address: "127.0.0.1", port, directory: dir, silent: true, configureBuckets: [{ name: "recordings" }] });
  await server.run();
  endpoint = `http://127.0.0.1:${port}`;
  s3 = createStorage(parseEnv(env())) as S3Storage;
});

afterAll(async () => {
  s3?.close();
  await server?.close();
  await rm(dir, { recursive: true, force: true });
});

describeStorageContract("s3", () => s3);

describe("s3 storage", () => {
  it("uploads a stream of unknown size in parts and reads it back whole", async () => {
    const small = new S3Storage({ bucket: "recordings", region: "us-east-1", endpoint, accessKeyId: "S3RVER", secretAccessKey: "S3RVER", forcePathStyle: true, partSize: 64 * 1024 });
    const chunks = Array.from({ length: 40 }, (_, i) => Buffer.alloc(5000, i));
    await small.put("tenants/t1/multipart.bin", Readable.from(chunks), { contentType: "audio/wav" });
    const got = (await small.get("tenants/t1/multipart.bin"))!;
    expect(got).toMatchObject({ size: 200_000, totalSize: 200_000, contentType: "audio/wav" });
    expect((await buffer(got.body)).equals(Buffer.concat(chunks))).toBe(true);
    const part = (await small.get("tenants/t1/multipart.bin", { start: 64 * 1024 - 2, end: 64 * 1024 + 1 }))!;
    expect(part).toMatchObject({ size: 4, totalSize: 200_000 });
    small.close();
  });

  it("fails clearly when the bucket does not exist", async () => {
    const other = new S3Storage({ bucket: "missing-bucket", region: "us-east-1", endpoint, accessKeyId: "S3RVER", secretAccessKey: "S3RVER", forcePathStyle: true });
    await expect(other.put("k", Buffer.from("x"), { contentType: "a/b" })).rejects.toMatchObject({ name: "NoSuchBucket" });
    other.close();
  });
});
