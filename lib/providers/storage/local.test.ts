import { mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { buffer } from "node:stream/consumers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { describeStorageContract } from "./contract";
import { parseEnv } from "../../env";
import { createStorage, LocalStorage, S3Storage } from "./index";

let dir: string;
let local: LocalStorage;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "frontdesk-storage-"));
  local = new LocalStorage(dir);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describeStorageContract("local", () => local);

/** Every file under the root, relative, sorted. */
async function files(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => path.relative(root, path.join(e.parentPath, e.name))).sort();
}

describe("local storage", () => {
  it("keeps objects under the root at their key's path, with no temp files left behind", async () => {
    const root = await mkdtemp(path.join(tmpdir(), "frontdesk-storage-"));
    const s = new LocalStorage(root);
    await s.put("tenants/a/calls/c1/recording.wav", Buffer.from("RIFF"), { contentType: "audio/wav" });
    expect(await files(root)).toEqual(["tenants/a/calls/c1/recording.wav", "tenants/a/calls/c1/recording.wav~meta"]);
    await s.delete("tenants/a/calls/c1/recording.wav");
    expect(await files(root)).toEqual([]);
    await rm(root, { recursive: true, force: true });
  });

  it("leaves the previous object intact and no temp file when a streamed upload fails midway", async () => {
    const root = await mkdtemp(path.join(tmpdir(), "frontdesk-storage-"));
    const s = new LocalStorage(root);
    await s.put("k/obj", Buffer.from("old"), { contentType: "text/plain" });
    const failing = Readable.from(
      (async function* () {
        yield Buffer.from("new-partial");
        throw new Error("client went away");
      })(),
    );
    await expect(s.put("k/obj", failing, { contentType: "text/plain" })).rejects.toThrow("client went away");
    expect((await buffer((await s.get("k/obj"))!.body)).toString()).toBe("old");
    await expect(s.put("k/obj", Readable.from([Buffer.from("abc")]), { contentType: "x/y", size: 4 })).rejects.toMatchObject({ code: "SIZE_MISMATCH" });
    expect((await buffer((await s.get("k/obj"))!.body)).toString()).toBe("old");
    expect(await files(root)).toEqual(["k/obj", "k/obj~meta"]);
    await rm(root, { recursive: true, force: true });
  });

  it("does not serve sidecar or directory paths as objects", async () => {
    await local.put("side/car.bin", Buffer.from("x"), { contentType: "a/b" });
    expect(await local.get("side")).toBeNull();
    expect(await local.exists("side")).toBe(false);
    await writeFile(path.join(dir, "orphan"), "no meta");
    expect((await local.get("orphan"))!.contentType).toBe("application/octet-stream");
  });
});

describe("storage from the environment", () => {
  it("is local at .data/storage by default, STORAGE_DIR moves it, blank counts as unset", () => {
    expect((createStorage(parseEnv({})) as LocalStorage).root).toBe(path.resolve(".data/storage"));
    expect((createStorage(parseEnv({ STORAGE_DIR: " ", S3_BUCKET: "" })) as LocalStorage).root).toBe(path.resolve(".data/storage"));
    expect((createStorage(parseEnv({ STORAGE_DIR: "/tmp/x" })) as LocalStorage).root).toBe("/tmp/x");
  });

  it("is S3 when S3_BUCKET is set, with the region defaulting to us-east-1", () => {
    const s = createStorage(parseEnv({ S3_BUCKET: "recordings" }));
    expect(s).toBeInstanceOf(S3Storage);
    (s as S3Storage).close();
    expect(parseEnv({ S3_BUCKET: "b", S3_REGION: "" }).S3_REGION).toBe("us-east-1");
  });

  it("fails naming the variable for a bad value", () => {
    expect(() => parseEnv({ S3_BUCKET: "b", S3_ENDPOINT: "not a url" })).toThrow(/S3_ENDPOINT/);
    expect(() => parseEnv({ S3_FORCE_PATH_STYLE: "yes" })).toThrow(/S3_FORCE_PATH_STYLE/);
    expect(() => parseEnv({ S3_ACCESS_KEY_ID: "id" })).toThrow(/S3_SECRET_ACCESS_KEY/);
  });
});
