// /api/v1/voices and the greeting preview through the real route handlers, session cookies, database
// and the embedded espeak-ng synthesiser (no fakes: the WAV that comes back is what a caller would hear).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as voices from "./voices/route";
import * as preview from "./voices/[id]/preview/route";
import { parseWav } from "@/lib/audio/wav";
import { closeSpeechProviders } from "@/lib/providers/speech/index";
import { apiRequest, createTestTenant, json, params, spend, type TestTenant } from "@/lib/test/factories";
import { PREVIEW_LIMIT } from "@/lib/voices/preview";

let t: TestTenant;

beforeAll(async () => {
  t = await createTestTenant("Voices Co");
});

afterAll(async () => {
  await closeSpeechProviders();
});

const post = (id: string, opts: { cookie?: string; body?: unknown; headers?: Record<string, string>; origin?: string } = {}) =>
  preview.POST(apiRequest("POST", `/api/v1/voices/${encodeURIComponent(id)}/preview`, { cookie: t.user.cookie, ...opts }), params({ id }));

/** Root-mean-square level of 16-bit samples: silence is ~0, speech is in the thousands. */
function rms(samples: Int16Array): number {
  let sum = 0;
  for (const s of samples) sum += s * s;
  return Math.sqrt(sum / Math.max(1, samples.length));
}

describe("GET /api/v1/voices", () => {
  it("lists the configured voices for any member, including the schema's default voice", async () => {
    const res = await json(await voices.GET(apiRequest("GET", "/api/v1/voices", { cookie: t.user.cookie })));
    expect(res.status).toBe(200);
    const list = res.body.data as { id: string; name: string; language: string; provider: string }[];
    expect(list.length).toBeGreaterThan(1);
    expect(list.map((v) => v.id)).toContain("local-en-us-1");
    for (const v of list) expect(v).toMatchObject({ id: expect.any(String), name: expect.any(String), language: expect.stringMatching(/^[a-z]{2}-[A-Z]{2}$/), provider: "local" });
    expect(new Set(list.map((v) => v.id)).size).toBe(list.length);
  });

  it("needs a session", async () => {
    const res = await json(await voices.GET(apiRequest("GET", "/api/v1/voices")));
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe("UNAUTHENTICATED");
  });
});

describe("POST /api/v1/voices/:id/preview", () => {
  it("speaks the given text as an 8 kHz 16-bit mono WAV with audible audio", async () => {
    const res = await post("local-en-us-2", { body: { text: "Thank you for calling Bright Smile Dental. How can I help you today?" } });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("audio/wav");
    expect(res.headers.get("cache-control")).toBe("no-store");
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect(Number(res.headers.get("content-length"))).toBe(bytes.length);
    expect(Buffer.from(bytes.subarray(0, 4)).toString("ascii")).toBe("RIFF");
    expect(Buffer.from(bytes.subarray(8, 12)).toString("ascii")).toBe("WAVE");
    const wav = parseWav(bytes);
    expect(wav).toMatchObject({ sampleRate: 8000, channels: 1 });
    // A dozen words take seconds to say, not milliseconds, and are not silence.
    const seconds = wav.samples.length / 8000;
    expect(seconds).toBeGreaterThan(1.5);
    expect(seconds).toBeLessThan(15);
    expect(rms(wav.samples)).toBeGreaterThan(300);
  });

  it("speaks a sample line when no text is sent, with or without a body", async () => {
    for (const body of [undefined, {}]) {
      const res = await post("local-en-us-1", { body: body ?? "", headers: { "content-type": "application/json" } });
      expect(res.status).toBe(200);
      const wav = parseWav(new Uint8Array(await res.arrayBuffer()));
      expect(wav.samples.length / 8000).toBeGreaterThan(1);
    }
  });

  it("ignores a listed TTS model for a local voice (it has one), and names the models for an unknown one", async () => {
    const text = "We open at nine.";
    const plain = await post("local-en-us-1", { body: { text } });
    const modelled = await post("local-en-us-1", { body: { text, model: "eleven_multilingual_v2" } });
    expect(modelled.status).toBe(200);
    // The same voice says the same words (espeak-ng differs by a few samples run to run).
    const samples = async (res: Response) => parseWav(new Uint8Array(await res.arrayBuffer())).samples;
    const [a, b] = [await samples(plain), await samples(modelled)];
    expect(Math.abs(b.length - a.length)).toBeLessThan(a.length * 0.02);
    expect(rms(b)).toBeGreaterThan(300);
    const unknown = await json(await post("local-en-us-1", { body: { text, model: "eleven_monolingual_v1" } }));
    expect(unknown.status).toBe(422);
    expect(unknown.body.error).toMatchObject({ code: "VALIDATION_FAILED", field: "model", message: expect.stringContaining("eleven_flash_v2_5, eleven_turbo_v2_5") });
  });

  it("answers 404 VOICE_NOT_FOUND for a voice the provider does not offer", async () => {
    for (const id of ["local-xx-zz-9", "eleven-rachel", "a.b"]) {
      const res = await json(await post(id, { body: { text: "Hi" } }));
      expect(res.status, id).toBe(404);
      expect(res.body.error.code, id).toBe("VOICE_NOT_FOUND");
    }
  });

  it("validates the body: text length, control characters, unknown keys, JSON only", async () => {
    const cases: [unknown, string][] = [
      [{ text: "x".repeat(301) }, "text"],
      [{ text: "" }, "text"],
      [{ text: "   " }, "text"],
      [{ text: "Hello\u0000there" }, "text"],
      [{ text: 42 }, "text"],
      [{ text: "Hi", voiceId: "local-en-us-1" }, "voiceId"],
      [{ text: "Hi", model: "eleven_v9_ultra" }, "model"],
      [{ text: "Hi", model: "" }, "model"],
      [{ text: "Hi", model: 2 }, "model"],
    ];
    for (const [body, field] of cases) {
      const res = await json(await post("local-en-us-1", { body }));
      expect(res.status, JSON.stringify(body)).toBe(422);
      expect(res.body.error).toMatchObject({ code: "VALIDATION_FAILED", field });
    }
    expect((await json(await post("local-en-us-1", { body: "{not json" }))).status).toBe(422);
    const form = apiRequest("POST", "/api/v1/voices/local-en-us-1/preview", { cookie: t.user.cookie });
    const formPost = new Request(form, { body: "text=hi", headers: { ...Object.fromEntries(form.headers), "content-type": "application/x-www-form-urlencoded" } });
    expect((await preview.POST(formPost, params({ id: "local-en-us-1" }))).status).toBe(415);
    // 300 characters is still fine.
    expect((await post("local-en-us-1", { body: { text: `${"a ".repeat(149)}ab` } })).status).toBe(200);
  });

  it("needs a session and a same-origin request; other methods are 405", async () => {
    const anon = await json(await preview.POST(apiRequest("POST", "/api/v1/voices/local-en-us-1/preview", { body: {} }), params({ id: "local-en-us-1" })));
    expect(anon.status).toBe(401);
    const foreign = await json(await post("local-en-us-1", { body: {}, origin: "https://evil.example" }));
    expect(foreign.status).toBe(403);
    const get = await json(await preview.GET(apiRequest("GET", "/api/v1/voices/local-en-us-1/preview", { cookie: t.user.cookie }), params({ id: "local-en-us-1" })));
    expect(get.status).toBe(405);
  });

  it("is rate-limited per tenant: 429 with Retry-After once the minute's previews are used, other tenants unaffected", async () => {
    const busy = await createTestTenant("Busy Previews");
    await spend(PREVIEW_LIMIT, busy.tenant.id, PREVIEW_LIMIT.limit);
    const req = (tt: TestTenant) =>
      preview.POST(apiRequest("POST", "/api/v1/voices/local-en-us-1/preview", { cookie: tt.admin.cookie, body: { text: "Hi" } }), params({ id: "local-en-us-1" }));
    const limited = await req(busy);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await json(limited)).body.error.code).toBe("THROTTLED");
    expect((await req(t)).status).toBe(200);
  });
});
