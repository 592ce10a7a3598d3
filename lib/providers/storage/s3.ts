// Storage on S3 or anything that speaks its API (MinIO, s3rver in tests) through @aws-sdk/client-s3.
// SDK types stay in this file. Uploads stream: with a known size the body goes out as one PutObject;
// without one it is cut into parts of `partSize` and sent as a multipart upload, so memory holds one
// part at most whatever the object's size (a part under partSize at the end goes as a plain put).
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
  UploadPartCommand,
} from "@aws-sdk/client-s3";
import { Readable } from "node:stream";
import { assertRange, assertStorageKey, StorageError, type ByteRange } from "./errors";
import type { StorageProvider, StoredObject } from "./types";

export interface S3StorageOptions {
  bucket: string;
  region: string;
  /** MinIO, s3rver, R2…; unset for AWS itself. */
  endpoint?: string;
  /** Credentials; unset: the SDK's default chain (env, profile, instance role). */
  accessKeyId?: string;
  secretAccessKey?: string;
  /** Bucket in the path instead of the host name (MinIO and s3rver need it). */
  forcePathStyle?: boolean;
  /** Multipart part size for uploads of unknown size. S3's minimum (and the default) is 5 MiB. */
  partSize?: number;
}

const MIN_PART_SIZE = 5 * 1024 * 1024;

function httpStatus(err: unknown): number | undefined {
  return (err as { $metadata?: { httpStatusCode?: number } } | null)?.$metadata?.httpStatusCode;
}

const isNotFound = (err: unknown) => {
  const name = (err as { name?: string } | null)?.name;
  return name === "NoSuchKey" || name === "NotFound" || httpStatus(err) === 404;
};

/** "bytes 0-9/100" → 100. */
function totalFromContentRange(header: string | undefined): number | undefined {
  const m = header ? /\/(\d+)\s*$/.exec(header) : null;
  return m ? Number(m[1]) : undefined;
}

/** Yields the stream's bytes as buffers of exactly `size` (the last one may be shorter). */
async function* chunksOf(body: Readable, size: number): AsyncGenerator<Buffer> {
  let parts: Buffer[] = [];
  let held = 0;
  for await (const piece of body) {
    let chunk = Buffer.isBuffer(piece) ? piece : Buffer.from(piece as Uint8Array);
    while (held + chunk.length >= size) {
      const take = size - held;
      parts.push(chunk.subarray(0, take));
      yield Buffer.concat(parts);
      parts = [];
      held = 0;
      chunk = chunk.subarray(take);
    }
    if (chunk.length) {
      parts.push(chunk);
      held += chunk.length;
    }
  }
  if (held) yield Buffer.concat(parts);
}

export class S3Storage implements StorageProvider {
  readonly name = "s3";
  private readonly client: S3Client;
  private readonly bucket: string;
  private readonly partSize: number;

  constructor(opts: S3StorageOptions) {
    this.bucket = opts.bucket;
    this.partSize = opts.partSize ?? MIN_PART_SIZE;
    this.client = new S3Client({
      region: opts.region,
      endpoint: opts.endpoint,
      forcePathStyle: opts.forcePathStyle,
      // The SDK's default CRC32 on every upload sends streamed bodies "aws-chunked" with a trailing
      // checksum, which S3-compatible servers (s3rver, older MinIO) store verbatim: checksums only
      // where the operation requires them.
      requestChecksumCalculation: "WHEN_REQUIRED",
      responseChecksumValidation: "WHEN_REQUIRED",
      credentials:
        opts.accessKeyId && opts.secretAccessKey ? { accessKeyId: opts.accessKeyId, secretAccessKey: opts.secretAccessKey } : undefined,
    });
  }

  async put(key: string, body: Buffer | Readable, opts: { contentType: string; size?: number }): Promise<void> {
    assertStorageKey(key);
    if (Buffer.isBuffer(body)) {
      if (opts.size !== undefined && opts.size !== body.length) {
        throw new StorageError("SIZE_MISMATCH", `"${key}": ${body.length} bytes given, ${opts.size} were announced`);
      }
      await this.putOnce(key, body, opts.contentType);
      return;
    }
    if (opts.size !== undefined) {
      await this.send(
        new PutObjectCommand({ Bucket: this.bucket, Key: key, Body: body, ContentLength: opts.size, ContentType: opts.contentType }),
        key,
      );
      return;
    }
    await this.putMultipart(key, body, opts.contentType);
  }

  private putOnce(key: string, body: Buffer, contentType: string) {
    return this.send(new PutObjectCommand({ Bucket: this.bucket, Key: key, Body: body, ContentLength: body.length, ContentType: contentType }), key);
  }

  private async putMultipart(key: string, body: Readable, contentType: string): Promise<void> {
    const chunks = chunksOf(body, this.partSize);
    const first = await chunks.next();
    if (first.done || first.value.length < this.partSize) {
      // The whole object fitted in one part: one request, no multipart bookkeeping.
      await this.putOnce(key, first.done ? Buffer.alloc(0) : first.value, contentType);
      return;
    }
    const created = await this.client.send(new CreateMultipartUploadCommand({ Bucket: this.bucket, Key: key, ContentType: contentType }));
    const uploadId = created.UploadId!;
    try {
      const parts: { ETag: string | undefined; PartNumber: number }[] = [];
      const upload = async (part: Buffer) => {
        const PartNumber = parts.length + 1;
        const res = await this.client.send(
          new UploadPartCommand({ Bucket: this.bucket, Key: key, UploadId: uploadId, PartNumber, Body: part, ContentLength: part.length }),
        );
        parts.push({ ETag: res.ETag, PartNumber });
      };
      await upload(first.value);
      for await (const part of chunks) await upload(part);
      await this.client.send(
        new CompleteMultipartUploadCommand({ Bucket: this.bucket, Key: key, UploadId: uploadId, MultipartUpload: { Parts: parts } }),
      );
    } catch (err) {
      // Parts of an abandoned upload are billed until aborted.
      await this.client.send(new AbortMultipartUploadCommand({ Bucket: this.bucket, Key: key, UploadId: uploadId })).catch(() => {});
      throw err;
    }
  }

  async get(key: string, range?: ByteRange): Promise<StoredObject | null> {
    assertStorageKey(key);
    assertRange(range);
    try {
      const res = await this.client.send(
        new GetObjectCommand({ Bucket: this.bucket, Key: key, Range: range ? `bytes=${range.start}-${range.end ?? ""}` : undefined }),
      );
      const size = res.ContentLength ?? 0;
      const body = res.Body instanceof Readable ? res.Body : Readable.from([]);
      const totalSize = range ? (totalFromContentRange(res.ContentRange) ?? size) : size;
      return { body, contentType: res.ContentType ?? "application/octet-stream", size, totalSize };
    } catch (err) {
      if (isNotFound(err)) return null;
      if (httpStatus(err) === 416 || (err as { name?: string }).name === "InvalidRange") {
        throw new StorageError("RANGE_NOT_SATISFIABLE", `"${key}": range starts at ${range?.start}, past the object's end`, { cause: err });
      }
      throw err;
    }
  }

  async delete(key: string): Promise<void> {
    assertStorageKey(key);
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key }));
  }

  async exists(key: string): Promise<boolean> {
    assertStorageKey(key);
    try {
      await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      return true;
    } catch (err) {
      if (isNotFound(err)) return false;
      throw err;
    }
  }

  /** Stops the SDK's keep-alive sockets (tests, shutdown). */
  close(): void {
    this.client.destroy();
  }

  private async send(cmd: PutObjectCommand, key: string): Promise<void> {
    try {
      await this.client.send(cmd);
    } catch (err) {
      // A stream shorter or longer than its ContentLength fails inside the HTTP layer; name it.
      const code = (err as { code?: string } | null)?.code;
      if (code === "ERR_HTTP_CONTENT_LENGTH_MISMATCH" || code === "ERR_STREAM_PREMATURE_CLOSE") {
        throw new StorageError("SIZE_MISMATCH", `"${key}": the body did not match the announced size`, { cause: err });
      }
      throw err;
    }
  }
}
