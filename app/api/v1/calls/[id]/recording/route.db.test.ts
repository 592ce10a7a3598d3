// GET/HEAD /api/v1/calls/:id/recording through the real route, session cookies, database and local
// storage (a temp folder), with a recording made by the real recorder.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as recording from "./route";
import { parseWav } from "@/lib/audio/wav";
import { createCallRecorder } from "@/lib/calls/recording";
import { getDb } from "@/lib/db/client";
import { getStorage, LocalStorage, setStorage } from "@/lib/providers/storage";
import { apiRequest, createTestCall, createTestTenant, json, params, type TestTenant } from "@/lib/test/factories";

let dir: string;
let a: TestTenant;
let b: TestTenant;
let recordedA: string;
let silentA: string;
let lostA: string;
let recordedB: string;
let wav: Buffer;
const missingId = "zzzzzzzzzzzzzzzzzzzzzzzz";

const get = (id: string, cookie: string | undefined, headers: Record<string, string> = {}, method = "GET") =>
  (method === "HEAD" ? recording.HEAD : recording.GET)(apiRequest(method, `/api/v1/calls/${id}/recording`, { cookie, headers }), params({ id }));

async function record(tenantId: string): Promise<string> {
  const call = await createTestCall(tenantId, { status: "COMPLETED" });
  const r = createCallRecorder({ tenantId, callId: call.id, storage: getStorage(), tmpDir: path.join(dir, "tmp") });
  for (let i = 0; i < 100; i++) {
    r.caller(new Int16Array(160).fill(i));
    r.agent(new Int16Array(160).fill(-i), i);
  }
  const saved = (await r.finish())!;
  await getDb().call.update({ where: { id: call.id }, data: { recordingKey: saved.key, recordingDurationSec: Math.round(saved.durationSec) } });
  return call.id;
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "frontdesk-recording-route-"));
  setStorage(new LocalStorage(path.join(dir, "storage"))); // what the route's getStorage() returns
  [a, b] = await Promise.all([createTestTenant("Rec A"), createTestTenant("Rec B")]);
  [recordedA, recordedB] = await Promise.all([record(a.tenant.id), record(b.tenant.id)]);
  silentA = (await createTestCall(a.tenant.id)).id;
  lostA = (await createTestCall(a.tenant.id, { recordingKey: `tenants/${a.tenant.id}/calls/gone/recording.wav` })).id;
  wav = Buffer.from(await (await get(recordedA, a.user.cookie)).arrayBuffer());
});

afterAll(async () => {
  setStorage(undefined);
  await rm(dir, { recursive: true, force: true });
});

describe("GET /api/v1/calls/:id/recording", () => {
  it("serves the call's stereo WAV", async () => {
    const res = await get(recordedA, a.user.cookie);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("audio/wav");
    expect(res.headers.get("accept-ranges")).toBe("bytes");
    expect(res.headers.get("content-length")).toBe(String(44 + 100 * 160 * 4));
    const audio = parseWav(wav);
    expect(audio).toMatchObject({ sampleRate: 8000, channels: 2 });
    expect(audio.samples.slice(2 * 160 * 7, 2 * 160 * 7 + 2)).toEqual(new Int16Array([7, -7]));
  });

  it("serves byte ranges with 206 and Content-Range, and 416 for a range past the end", async () => {
    const total = wav.length;
    const first = await get(recordedA, a.user.cookie, { range: "bytes=0-43" });
    expect(first.status).toBe(206);
    expect(first.headers.get("content-range")).toBe(`bytes 0-43/${total}`);
    expect(Buffer.from(await first.arrayBuffer()).equals(wav.subarray(0, 44))).toBe(true);

    const open = await get(recordedA, a.user.cookie, { range: `bytes=${total - 100}-` });
    expect(open.headers.get("content-range")).toBe(`bytes ${total - 100}-${total - 1}/${total}`);
    expect(Buffer.from(await open.arrayBuffer()).equals(wav.subarray(total - 100))).toBe(true);

    const suffix = await get(recordedA, a.user.cookie, { range: "bytes=-10" });
    expect(suffix.status).toBe(206);
    expect(Buffer.from(await suffix.arrayBuffer()).equals(wav.subarray(total - 10))).toBe(true);

    const past = await get(recordedA, a.user.cookie, { range: `bytes=${total}-` });
    expect(past.status).toBe(416);
    expect(past.headers.get("content-range")).toBe(`bytes */${total}`);
    expect((await json(past)).body.error.code).toBe("RANGE_NOT_SATISFIABLE");

    // Several ranges or a malformed header: the whole file, as RFC 9110 allows.
    for (const range of ["bytes=0-1,5-6", "items=0-1", "bytes=9-2"]) {
      const whole = await get(recordedA, a.user.cookie, { range });
      expect(whole.status).toBe(200);
      expect((await whole.arrayBuffer()).byteLength).toBe(total);
    }
  });

  it("answers HEAD with the headers and no body", async () => {
    const res = await get(recordedA, a.user.cookie, {}, "HEAD");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-length")).toBe(String(wav.length));
    expect(res.headers.get("content-type")).toBe("audio/wav");
    expect(res.body).toBeNull();
    const part = await get(recordedA, a.user.cookie, { range: "bytes=10-19" }, "HEAD");
    expect(part.status).toBe(206);
    expect(part.headers.get("content-length")).toBe("10");
  });

  it("answers another tenant's call exactly like a missing one", async () => {
    const foreign = await json(await get(recordedB, a.user.cookie));
    const missing = await json(await get(missingId, a.user.cookie));
    expect(foreign).toEqual({ status: 404, body: { error: { code: "NOT_FOUND", message: "Call not found" } } });
    expect(foreign).toEqual(missing);
    expect((await get(recordedB, b.user.cookie)).status).toBe(200);
    expect((await get(recordedA, b.admin.cookie, {}, "HEAD")).status).toBe(404);
  });

  it("says recording_not_found for a call without one, or whose file is gone", async () => {
    for (const id of [silentA, lostA]) {
      const res = await json(await get(id, a.user.cookie));
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe("RECORDING_NOT_FOUND");
    }
  });

  it("requires a session", async () => {
    expect((await get(recordedA, undefined)).status).toBe(401);
  });
});
