// A call's recording as the API serves it: found through scopedDb(scope), so another tenant's call id
// is the same NOT_FOUND as an id that never existed; a call of this tenant without a recording (or
// whose file is gone from storage) is RECORDING_NOT_FOUND.
import { AppError, notFound } from "../errors";
import { getLogger } from "../logger";
import { isStorageError } from "../providers/storage/errors";
import type { StorageProvider, StoredObject } from "../providers/storage/types";
import type { TenantScope } from "../tenant/scope";
import { scopedDb } from "../tenant/scoped-db";

export type RecordingRange = { start: number; end?: number } | { suffix: number };

export type RecordingRead =
  | { kind: "whole"; object: StoredObject }
  | { kind: "partial"; object: StoredObject; start: number; end: number }
  | { kind: "unsatisfiable"; totalSize: number };

const noRecording = () => new AppError("RECORDING_NOT_FOUND", "This call has no recording");

async function recordingKeyOrThrow(scope: TenantScope, callId: string): Promise<string> {
  const call = await scopedDb(scope).call.findUnique({ where: { id: callId }, select: { recordingKey: true } });
  if (!call) throw notFound("Call");
  if (!call.recordingKey) throw noRecording();
  return call.recordingKey;
}

async function getOrThrow(storage: StorageProvider, key: string, range?: { start: number; end?: number }) {
  const object = await storage.get(key, range);
  if (!object) {
    getLogger("recordings").warn({ key }, "a call's recording key names no stored object");
    throw noRecording();
  }
  return object;
}

/** The whole object's size without reading it (one byte is fetched and discarded). */
async function sizeOf(storage: StorageProvider, key: string): Promise<number> {
  try {
    const probe = await getOrThrow(storage, key, { start: 0, end: 0 });
    probe.body.destroy();
    return probe.totalSize;
  } catch (err) {
    if (isStorageError(err, "RANGE_NOT_SATISFIABLE")) return 0; // an empty object
    throw err;
  }
}

/**
 * Opens the recording, or the asked byte range of it. `bodyless` (HEAD) learns the size without
 * streaming the file. The caller must consume or destroy a returned body.
 */
export async function openCallRecording(
  scope: TenantScope,
  callId: string,
  opts: { storage: StorageProvider; range?: RecordingRange; bodyless?: boolean },
): Promise<RecordingRead> {
  const key = await recordingKeyOrThrow(scope, callId);
  const { storage, range } = opts;
  if (!range) return { kind: "whole", object: await getOrThrow(storage, key, opts.bodyless ? { start: 0, end: 0 } : undefined) };
  let wanted: { start: number; end?: number } = "suffix" in range ? { start: 0 } : range;
  if ("suffix" in range) {
    const total = await sizeOf(storage, key);
    if (range.suffix === 0 || total === 0) return { kind: "unsatisfiable", totalSize: total };
    wanted = { start: Math.max(0, total - range.suffix) };
  }
  try {
    const object = await getOrThrow(storage, key, wanted);
    const end = wanted.start + object.size - 1;
    return { kind: "partial", object, start: wanted.start, end };
  } catch (err) {
    if (!isStorageError(err, "RANGE_NOT_SATISFIABLE")) throw err;
    return { kind: "unsatisfiable", totalSize: err.totalSize ?? (await sizeOf(storage, key)) };
  }
}
