// /api/v1/voices and the preview with ElevenLabs configured (TTS_PROVIDER=elevenlabs, key, base URL of
// the local ElevenLabs): the account's voices through the SDK, cached, and a preview spoken by them.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as voices from "./voices/route";
import * as preview from "./voices/[id]/preview/route";
import { mulawToLinear } from "@/lib/audio/mulaw";
import { parseWav } from "@/lib/audio/wav";
import { getEnv } from "@/lib/env";
import { closeSpeechProviders, getSpeechProviders } from "@/lib/providers/speech/index";
import { FAKE_ELEVENLABS_KEY, FakeElevenLabs, fakeAudioByte } from "@/lib/test/fakes/elevenlabs";
import { apiRequest, createTestTenant, json, params, type TestTenant } from "@/lib/test/factories";

let t: TestTenant;
let fake: FakeElevenLabs;

beforeAll(async () => {
  fake = await FakeElevenLabs.start();
  t = await createTestTenant("Eleven Voices Co");
  // The process's speech providers, built once as the app builds them, from this environment.
  await closeSpeechProviders();
  getSpeechProviders({ ...getEnv(), TTS_PROVIDER: "elevenlabs", ELEVENLABS_API_KEY: FAKE_ELEVENLABS_KEY, ELEVENLABS_BASE_URL: fake.baseUrl });
});

afterAll(async () => {
  await closeSpeechProviders();
  await fake.close();
});

const list = async () => json(await voices.GET(apiRequest("GET", "/api/v1/voices", { cookie: t.user.cookie })));

describe("voices with ElevenLabs configured", () => {
  it("lists the account's voices, asking ElevenLabs once for two lists", async () => {
    const [a, b] = [await list(), await list()];
    expect(a.status).toBe(200);
    expect(b.body).toEqual(a.body);
    expect(a.body.data).toEqual(
      expect.arrayContaining([{ id: "21m00Tcm4TlvDq8ikWAM", name: "Rachel", language: "en-US", gender: "female", provider: "elevenlabs" }]),
    );
    expect((a.body.data as { provider: string }[]).every((v) => v.provider === "elevenlabs")).toBe(true);
    expect(fake.voiceRequests).toBe(1);
  });

  it("previews a voice through ElevenLabs' socket, and 404s a local voice id", async () => {
    const text = "Thanks for calling, how can I help?";
    const res = await preview.POST(
      apiRequest("POST", "/api/v1/voices/21m00Tcm4TlvDq8ikWAM/preview", { cookie: t.user.cookie, body: { text } }),
      params({ id: "21m00Tcm4TlvDq8ikWAM" }),
    );
    expect(res.status).toBe(200);
    const wav = parseWav(new Uint8Array(await res.arrayBuffer()));
    expect(wav.samples.length).toBe((text.length + 1) * 80); // the fake's 10 ms per character
    expect(wav.samples[0]).toBe(mulawToLinear(fakeAudioByte(fake.audioSent - text.split(" ").length)));
    expect(fake.spokenTexts()).toContain(`${text} `);
    const local = await json(
      await preview.POST(apiRequest("POST", "/api/v1/voices/local-en-us-1/preview", { cookie: t.user.cookie, body: {} }), params({ id: "local-en-us-1" })),
    );
    expect(local.status).toBe(404);
  });

  it("previews in the TTS model the editor has selected: model_id on the socket ElevenLabs is asked on", async () => {
    const speak = async (body: Record<string, unknown>) =>
      preview.POST(apiRequest("POST", "/api/v1/voices/21m00Tcm4TlvDq8ikWAM/preview", { cookie: t.user.cookie, body }), params({ id: "21m00Tcm4TlvDq8ikWAM" }));
    const modelOf = (text: string) => fake.sockets.find((s) => s.received.some((m) => m.text === `${text} ` && m.flush))?.url.searchParams.get("model_id");

    const res = await speak({ text: "Turbo speaking.", model: "eleven_turbo_v2_5" });
    expect(res.status).toBe(200);
    expect(parseWav(new Uint8Array(await res.arrayBuffer())).samples.length).toBe("Turbo speaking. ".length * 80);
    expect(modelOf("Turbo speaking.")).toBe("eleven_turbo_v2_5");
    expect((await speak({ text: "Multilingual speaking.", model: "eleven_multilingual_v2" })).status).toBe(200);
    expect(modelOf("Multilingual speaking.")).toBe("eleven_multilingual_v2");
    // No model: the server's default (ELEVENLABS_MODEL unset here: Flash v2.5).
    expect((await speak({ text: "Default speaking." })).status).toBe(200);
    expect(modelOf("Default speaking.")).toBe("eleven_flash_v2_5");

    const sockets = fake.upgradeRequests;
    const unknown = await json(await speak({ text: "Never spoken.", model: "eleven_english_sts_v2" }));
    expect(unknown.status).toBe(422);
    expect(unknown.body.error).toMatchObject({ code: "VALIDATION_FAILED", field: "model" });
    expect(fake.upgradeRequests).toBe(sockets); // refused before ElevenLabs is asked
    expect(fake.spokenTexts()).not.toContain("Never spoken. ");
  });
});
