// Reads a multipart/form-data upload of knowledge files without ever holding more than the size
// limit: a declared Content-Length over it is refused before a byte is read, each file part is
// streamed by busboy into a buffer capped at the limit (hashed as it arrives), and the whole body is
// counted too, so a client that lies about or omits the length is cut off as soon as it passes the
// limit: the rest of the body is never pulled from the socket. A file whose name and type are not a
// supported format is refused when its part begins (415), before its bytes are read.
import { createHash } from "node:crypto";
import { Readable } from "node:stream";
import busboy from "busboy";
import { AppError } from "../errors";
import { hasForbiddenCharacters } from "../http/text";
import { detectFormat, FORMAT_MIME } from "./formats";
import { uploadFieldsSchema, type UploadFields } from "./schemas";
import { SUPPORTED_TYPES_LABEL, type KnowledgeFormat } from "./types";

export const MAX_FILES_PER_UPLOAD = 20;
// The multipart envelope around the files (boundaries, part headers, the small fields).
const ENVELOPE_BYTES = 64 * 1024;
const HEAD_BYTES = 1024;

export interface UploadedFile {
  fileName: string;
  format: KnowledgeFormat;
  /** The format's canonical type (what the client declared is not trusted). */
  mimeType: string;
  bytes: Buffer;
  sha256: string;
}

export interface UploadForm {
  files: UploadedFile[];
  fields: UploadFields;
}

const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);
const tooLarge = (maxBytes: number, fileName?: string) =>
  new AppError(
    "PAYLOAD_TOO_LARGE",
    fileName
      ? `"${fileName}" is larger than ${mb(maxBytes)} MB, the largest file accepted`
      : `The upload is larger than ${mb(maxBytes)} MB; send files of at most ${mb(maxBytes)} MB, one at a time if together they are larger`,
  );
const unsupported = (fileName: string) =>
  new AppError("UNSUPPORTED_MEDIA_TYPE", `"${fileName}" is not a supported type; upload ${SUPPORTED_TYPES_LABEL} files`, { field: "file" });
const badMultipart = (why: string) => new AppError("BAD_MULTIPART", `The upload could not be read: ${why}`);

/** The request body, counted: passing `limit` bytes stops reading and cancels the upload. */
async function* cappedBody(body: ReadableStream<Uint8Array>, limit: number, maxFileBytes: number): AsyncGenerator<Uint8Array> {
  const reader = body.getReader();
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      size += value.byteLength;
      if (size > limit) throw tooLarge(maxFileBytes);
      yield value;
    }
  } finally {
    // Also reached when busboy stops early (an error, a refused file): the client's upload is cancelled.
    await reader.cancel().catch(() => undefined);
  }
}

/** "a, b" and repeated fields both become a list; an empty value means "all agents" (no list). */
function collectField(raw: Map<string, string[]>, name: string, value: string) {
  const values = raw.get(name) ?? [];
  if (name === "agentIds") values.push(...value.split(",").map((v) => v.trim()).filter(Boolean));
  else values.push(value);
  raw.set(name, values);
}

function fieldsOf(raw: Map<string, string[]>): UploadFields {
  const out: Record<string, unknown> = {};
  for (const [name, values] of raw) {
    if (name === "agentIds") {
      if (values.length > 0) out.agentIds = [...new Set(values)];
    } else if (values.length > 1) {
      throw new AppError("VALIDATION_FAILED", `${name}: give this field once`, { field: name });
    } else if (values[0] !== "") {
      out[name] = values[0];
    }
  }
  return uploadFieldsSchema.parse(out);
}

/** Parses the upload; see the header. `maxFileBytes` is KNOWLEDGE_MAX_UPLOAD_MB in bytes. */
export async function readUploadForm(req: Request, opts: { maxFileBytes: number; maxFiles?: number }): Promise<UploadForm> {
  const maxFiles = opts.maxFiles ?? MAX_FILES_PER_UPLOAD;
  const contentType = req.headers.get("content-type") ?? "";
  if (!/^multipart\/form-data\s*;/i.test(contentType)) {
    throw new AppError("UNSUPPORTED_MEDIA_TYPE", "Send the files as multipart/form-data, one `file` part each");
  }
  // The limit bounds a request, not only each file in it: the whole body is refused from its declared
  // length alone. Several files fit in one request while together they stay under it (the Knowledge
  // page sends one request per file anyway, for a progress bar each).
  const bodyLimit = opts.maxFileBytes + ENVELOPE_BYTES;
  const declared = req.headers.get("content-length");
  if (declared !== null && /^\d+$/.test(declared.trim()) && Number(declared) > bodyLimit) throw tooLarge(opts.maxFileBytes);
  if (!req.body) throw badMultipart("the body is empty");

  let parser: busboy.Busboy;
  try {
    parser = busboy({
      headers: { "content-type": contentType },
      defParamCharset: "utf8",
      limits: { fileSize: opts.maxFileBytes, files: maxFiles, fields: 20, fieldSize: 10_000, parts: maxFiles + 20 },
    });
  } catch {
    throw badMultipart("the multipart boundary is missing");
  }

  const source = Readable.from(cappedBody(req.body, bodyLimit, opts.maxFileBytes));
  const files: UploadedFile[] = [];
  const fields = new Map<string, string[]>();

  await new Promise<void>((resolve, reject) => {
    let settled = false;
    const fail = (err: AppError) => {
      if (settled) return;
      settled = true;
      source.unpipe(parser);
      source.destroy();
      parser.removeAllListeners("file");
      reject(err);
    };

    parser.on("file", (name, stream, info) => {
      // busboy errors a file stream that is cut short; the parser reports the same thing, once.
      stream.on("error", () => fail(badMultipart("the multipart body is malformed or cut short")));
      const fileName = (info.filename ?? "").trim();
      if (name !== "file") return fail(badMultipart(`unexpected file field "${name}"; send each file as a \`file\` part`));
      if (!fileName || hasForbiddenCharacters(fileName)) return fail(badMultipart("a file part has no usable file name"));
      if (!detectFormat({ fileName, mimeType: info.mimeType })) return fail(unsupported(fileName));
      const hash = createHash("sha256");
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => {
        hash.update(chunk);
        chunks.push(chunk);
      });
      stream.on("limit", () => fail(tooLarge(opts.maxFileBytes, fileName)));
      stream.on("end", () => {
        if (settled || stream.truncated) return;
        const bytes = Buffer.concat(chunks);
        if (bytes.length === 0) return fail(new AppError("VALIDATION_FAILED", `"${fileName}" is empty`, { field: "file" }));
        const format = detectFormat({ fileName, mimeType: info.mimeType, head: bytes.subarray(0, HEAD_BYTES) });
        if (!format) return fail(unsupported(fileName));
        files.push({ fileName, format, mimeType: FORMAT_MIME[format], bytes, sha256: hash.digest("hex") });
      });
    });
    parser.on("field", (name, value) => collectField(fields, name, value));
    parser.on("filesLimit", () => fail(new AppError("PAYLOAD_TOO_LARGE", `At most ${maxFiles} files per upload`)));
    parser.on("fieldsLimit", () => fail(badMultipart("too many form fields")));
    parser.on("partsLimit", () => fail(badMultipart("too many parts")));
    parser.on("error", () => fail(badMultipart("the multipart body is malformed or cut short")));
    parser.on("close", () => {
      if (settled) return;
      settled = true;
      resolve();
    });
    source.on("error", (err) => fail(err instanceof AppError ? err : badMultipart("the body could not be read")));
    source.pipe(parser);
  });

  if (files.length === 0) throw badMultipart("it has no file; send each file as a `file` part");
  return { files, fields: fieldsOf(fields) };
}
