// The behaviour every StorageProvider must have, run against each one (local.test.ts, s3.int.test.ts)
// so the local default and S3 cannot drift apart.
import { Readable } from "node:stream";
import { buffer } from "node:stream/consumers";
import { describe, expect, it } from "vitest";
import { isStorageError } from "./errors";
import type { StorageProvider } from "./types";

const bytes = (n: number, seed = 1) => Buffer.from(Array.from({ length: n }, (_, i) => (i * 31 + seed) % 256));

async function read(storage: StorageProvider, key: string, range?: { start: number; end?: number }) {
  const obj = await storage.get(key, range);
  if (!obj) return null;
  return { ...obj, bytes: await buffer(obj.body) };
}

async function expectStorageError(p: Promise<unknown>, code: string) {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(isStorageError(err), String(err)).toBe(true);
  expect((err as { code: string }).code).toBe(code);
}

/** `storage()` is called inside each test (providers are set up in beforeAll); keys are per test. */
export function describeStorageContract(name: string, storage: () => StorageProvider) {
  let n = 0;
  const key = (suffix = "obj.bin") => `tenants/t1/contract/${Date.now()}-${++n}/${suffix}`;

  describe(`${name}: StorageProvider contract`, () => {
    it("stores a buffer and reads it back with its content type and sizes", async () => {
      const k = key("recording.wav");
      const data = bytes(1000);
      await storage().put(k, data, { contentType: "audio/wav" });
      const got = await read(storage(), k);
      expect(got).toMatchObject({ contentType: "audio/wav", size: 1000, totalSize: 1000 });
      expect(got!.bytes.equals(data)).toBe(true);
      expect(await storage().exists(k)).toBe(true);
    });

    it("streams a body of unknown size and one of announced size", async () => {
      const chunks = [bytes(700, 1), bytes(900, 2), bytes(3, 3)];
      const k1 = key();
      await storage().put(k1, Readable.from(chunks), { contentType: "application/octet-stream" });
      expect((await read(storage(), k1))!.bytes.equals(Buffer.concat(chunks))).toBe(true);
      const k2 = key();
      await storage().put(k2, Readable.from(chunks), { contentType: "text/plain", size: 1603 });
      expect(await read(storage(), k2)).toMatchObject({ size: 1603, contentType: "text/plain" });
    });

    it("stores an empty object", async () => {
      const k = key();
      await storage().put(k, Buffer.alloc(0), { contentType: "application/octet-stream" });
      expect(await read(storage(), k)).toMatchObject({ size: 0, totalSize: 0 });
    });

    it("replaces an object on a second put", async () => {
      const k = key();
      await storage().put(k, bytes(50, 1), { contentType: "a/b" });
      await storage().put(k, bytes(20, 9), { contentType: "c/d" });
      const got = await read(storage(), k);
      expect(got).toMatchObject({ size: 20, contentType: "c/d" });
      expect(got!.bytes.equals(bytes(20, 9))).toBe(true);
    });

    it("answers null / false for a missing key, and delete is idempotent", async () => {
      const k = key();
      expect(await storage().get(k)).toBeNull();
      expect(await storage().get(k, { start: 0, end: 10 })).toBeNull();
      expect(await storage().exists(k)).toBe(false);
      await storage().delete(k);
      await storage().put(k, bytes(10), { contentType: "a/b" });
      await storage().delete(k);
      expect(await storage().get(k)).toBeNull();
      expect(await storage().exists(k)).toBe(false);
    });

    it("serves inclusive ranges, clamps the end, and refuses a start past the end", async () => {
      const k = key();
      const data = bytes(100);
      await storage().put(k, data, { contentType: "audio/wav" });
      const mid = await read(storage(), k, { start: 10, end: 19 });
      expect(mid).toMatchObject({ size: 10, totalSize: 100, contentType: "audio/wav" });
      expect(mid!.bytes.equals(data.subarray(10, 20))).toBe(true);
      const tail = await read(storage(), k, { start: 90 });
      expect(tail!.bytes.equals(data.subarray(90))).toBe(true);
      const clamped = await read(storage(), k, { start: 95, end: 5000 });
      expect(clamped).toMatchObject({ size: 5, totalSize: 100 });
      expect(clamped!.bytes.equals(data.subarray(95))).toBe(true);
      // (1-1, not 0-0: s3rver reads "bytes=0-0" as an open end; S3 and MinIO do not.)
      const one = await read(storage(), k, { start: 1, end: 1 });
      expect(one).toMatchObject({ size: 1, totalSize: 100 });
      expect(one!.bytes.equals(data.subarray(1, 2))).toBe(true);
      await expectStorageError(storage().get(k, { start: 100 }), "RANGE_NOT_SATISFIABLE");
      await expectStorageError(storage().get(k, { start: 5, end: 4 }), "INVALID_RANGE");
      await expectStorageError(storage().get(k, { start: -1 }), "INVALID_RANGE");
    });

    it("refuses keys that could escape the root or mean different things on different backends", async () => {
      const bad = ["", "/abs/key", "../up", "a/../../b", "a//b", "a/./b", "a/", "sp ace", "tilde~x", "back\\slash", "nul\u0000", "é", "x".repeat(1025)];
      for (const k of bad) {
        await expectStorageError(storage().put(k, Buffer.from("x"), { contentType: "a/b" }), "INVALID_KEY");
        await expectStorageError(storage().get(k), "INVALID_KEY");
        await expectStorageError(storage().exists(k), "INVALID_KEY");
        await expectStorageError(storage().delete(k), "INVALID_KEY");
      }
    });

    it("refuses a buffer whose announced size is wrong, keeping the old object", async () => {
      const k = key();
      await storage().put(k, bytes(10), { contentType: "a/b" });
      await expectStorageError(storage().put(k, bytes(5), { contentType: "a/b", size: 6 }), "SIZE_MISMATCH");
      expect((await read(storage(), k))!.bytes.equals(bytes(10))).toBe(true);
    });
  });
}
