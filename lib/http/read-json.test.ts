import { describe, expect, it } from "vitest";
import { z } from "zod";
import { readBodyText } from "./read-body";
import { isJsonContentType, readJson } from "./read-json";

const schema = z.strictObject({ name: z.string() });

function post(body: BodyInit | null, headers: Record<string, string> = { "content-type": "application/json" }) {
  return new Request("http://localhost:3000/api/v1/agents", { method: "POST", headers, body, duplex: "half" } as RequestInit);
}

/** A body of `total` bytes in 64 kB chunks that counts how much of it was pulled and whether it was cancelled. */
function countingStream(total: number) {
  const chunk = new TextEncoder().encode("x".repeat(64 * 1024));
  const stats = { pulled: 0, cancelled: false };
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (stats.pulled >= total) return controller.close();
      stats.pulled += chunk.byteLength;
      controller.enqueue(chunk);
    },
    cancel() {
      stats.cancelled = true;
    },
  });
  return { stream, stats };
}

describe("content type", () => {
  it("accepts application/json with parameters and +json types only", () => {
    for (const ok of ["application/json", "Application/JSON", "application/json; charset=utf-8", 'application/json;charset="UTF-8"', "application/merge-patch+json"]) {
      expect(isJsonContentType(ok), ok).toBe(true);
    }
    for (const bad of ["application/jsonfoo", "application/json-seq", "text/json", "application/x-www-form-urlencoded", "application/json; charset=latin1", "", "+json"]) {
      expect(isJsonContentType(bad), bad).toBe(false);
    }
    expect(isJsonContentType(null)).toBe(false);
  });

  it("refuses application/jsonfoo with 415", async () => {
    await expect(readJson(post('{"name":"a"}', { "content-type": "application/jsonfoo" }), schema)).rejects.toMatchObject({
      code: "UNSUPPORTED_MEDIA_TYPE",
      status: 415,
    });
  });
});

describe("body size", () => {
  it("refuses a declared 20 MB body before reading any of it", async () => {
    const { stream, stats } = countingStream(20_000_000);
    const req = post(stream, { "content-type": "application/json", "content-length": "20000000" });
    await expect(readJson(req, schema)).rejects.toMatchObject({ code: "PAYLOAD_TOO_LARGE", status: 413 });
    expect(stats.pulled).toBeLessThanOrEqual(64 * 1024); // at most the stream's own first pre-fetch
  });

  it("stops reading a 20 MB body without (or with a lying) Content-Length at the limit, and cancels it", async () => {
    const cases: Record<string, string>[] = [{ "content-type": "application/json" }, { "content-type": "application/json", "content-length": "10" }];
    for (const headers of cases) {
      const { stream, stats } = countingStream(20_000_000);
      await expect(readBodyText(post(stream, headers), 1_000_000)).rejects.toMatchObject({ code: "PAYLOAD_TOO_LARGE" });
      expect(stats.pulled).toBeLessThan(1_000_000 + 3 * 64 * 1024);
      expect(stats.cancelled).toBe(true);
    }
  });

  it("reads a body under the limit, and refuses bad JSON and bad UTF-8 with 422", async () => {
    expect(await readJson(post('{"name":"Ava"}'), schema)).toEqual({ name: "Ava" });
    await expect(readJson(post("{nope"), schema)).rejects.toMatchObject({ code: "VALIDATION_FAILED" });
    await expect(readJson(post(new Uint8Array([0x7b, 0xff, 0x7d])), schema)).rejects.toMatchObject({ code: "VALIDATION_FAILED" });
  });
});
