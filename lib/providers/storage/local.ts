// Storage in a local folder (.data/storage by default): the embedded default. Keys map to paths under
// the root; each object has a "<file>~meta" sidecar holding its content type ("~" cannot appear in a
// key, so no key names a sidecar or a temp file). Writes go to a temp file renamed into place, so a
// reader sees the old object or the new one, never half of one, and a failed upload leaves no trace.
import { randomBytes } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { mkdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { assertRange, assertStorageKey, resolveRange, StorageError, type ByteRange } from "./errors";
import type { StorageProvider, StoredObject } from "./types";

const DEFAULT_CONTENT_TYPE = "application/octet-stream";

const isMissing = (err: unknown) => (err as NodeJS.ErrnoException | null)?.code === "ENOENT";

export class LocalStorage implements StorageProvider {
  readonly name = "local";
  readonly root: string;

  constructor(root: string) {
    this.root = path.resolve(root);
  }

  private pathOf(key: string): string {
    assertStorageKey(key);
    const file = path.resolve(this.root, key);
    // The key rules already forbid escaping; this is the backstop should they ever loosen.
    if (!file.startsWith(this.root + path.sep)) throw new StorageError("INVALID_KEY", `storage key "${key}" leaves the storage root`);
    return file;
  }

  async put(key: string, body: Buffer | Readable, opts: { contentType: string; size?: number }): Promise<void> {
    const file = this.pathOf(key);
    await mkdir(path.dirname(file), { recursive: true });
    const tmp = `${file}~tmp-${randomBytes(6).toString("hex")}`;
    const metaTmp = `${tmp}-meta`;
    try {
      let written = 0;
      const count = new Transform({
        transform(chunk: Buffer, _enc, done) {
          written += chunk.length;
          done(null, chunk);
        },
      });
      await pipeline(Buffer.isBuffer(body) ? Readable.from([body]) : body, count, createWriteStream(tmp, { flags: "wx" }));
      if (opts.size !== undefined && written !== opts.size) {
        throw new StorageError("SIZE_MISMATCH", `"${key}": ${written} bytes arrived, ${opts.size} were announced`);
      }
      await writeFile(metaTmp, JSON.stringify({ contentType: opts.contentType }), { flag: "wx" });
      await rename(tmp, file);
      await rename(metaTmp, `${file}~meta`);
    } finally {
      await Promise.all([rm(tmp, { force: true }), rm(metaTmp, { force: true })]);
    }
  }

  async get(key: string, range?: ByteRange): Promise<StoredObject | null> {
    const file = this.pathOf(key);
    assertRange(range);
    let total: number;
    try {
      const s = await stat(file);
      if (!s.isFile()) return null;
      total = s.size;
    } catch (err) {
      if (isMissing(err)) return null;
      throw err;
    }
    const contentType = await this.contentTypeOf(file);
    if (!range) return { body: createReadStream(file), contentType, size: total, totalSize: total };
    const { start, end } = resolveRange(range, total);
    return { body: createReadStream(file, { start, end }), contentType, size: end - start + 1, totalSize: total };
  }

  async delete(key: string): Promise<void> {
    const file = this.pathOf(key);
    await rm(file, { force: true });
    await rm(`${file}~meta`, { force: true });
  }

  async exists(key: string): Promise<boolean> {
    try {
      return (await stat(this.pathOf(key))).isFile();
    } catch (err) {
      if (isMissing(err)) return false;
      throw err;
    }
  }

  private async contentTypeOf(file: string): Promise<string> {
    try {
      const meta = JSON.parse(await readFile(`${file}~meta`, "utf8")) as { contentType?: unknown };
      return typeof meta.contentType === "string" ? meta.contentType : DEFAULT_CONTENT_TYPE;
    } catch {
      return DEFAULT_CONTENT_TYPE;
    }
  }
}
