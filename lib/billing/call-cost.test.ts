// The price table and the pure cost of a call: each capability, the rounding rules, unknown models.
import { describe, expect, it } from "vitest";
import { computeCallCost, recordMicros, toStoredBreakdown, type CallCostInput, type UsageSources } from "./call-cost";
import { EMBEDDING_PRICES, LLM_PRICES, lookupPrice, STT_PRICES, TTS_PRICES } from "./prices";
import { DEFAULT_ELEVENLABS_MODEL, DEFAULT_OPENAI_EMBEDDING_MODEL, DEFAULT_OPENAI_STT_MODEL, readUsageSources, usageSourcesFor } from "./usage-sources";
import { DEFAULT_STT_MODEL } from "../providers/openai/realtime-stt";
import { ELEVENLABS_DEFAULT_MODEL } from "../providers/elevenlabs/wire";
import { OPENAI_EMBEDDING_MODEL } from "../providers/openai/embeddings";

const VENDORS: UsageSources = {
  llm: { provider: "openai", model: "gpt-4o-mini" },
  stt: { provider: "openai", model: "gpt-4o-mini-transcribe" },
  tts: { provider: "elevenlabs", model: "eleven_flash_v2_5" },
  embeddings: { provider: "openai", model: "text-embedding-3-small" },
};
const LOCAL: UsageSources = { llm: { provider: "local" }, stt: { provider: "local" }, tts: { provider: "local" }, embeddings: { provider: "none" } };
const twilio = (durationSec: number | null): CallCostInput["telephony"] => ({ channel: "twilio", direction: "INBOUND", durationSec });

describe("price table", () => {
  it("lists every model the agents can pick, in whole micros, with a listed fallback per vendor", () => {
    expect(Object.keys(LLM_PRICES.openai!.models)).toEqual(expect.arrayContaining(["gpt-4o-mini", "gpt-4o", "gpt-4.1-mini", "gpt-4.1", "gpt-realtime"]));
    expect(LLM_PRICES.openai!.models["gpt-4o-mini"]).toEqual({ input: 150_000, output: 600_000 }); // $0.15 / $0.60 per 1M
    for (const table of [LLM_PRICES, STT_PRICES, TTS_PRICES, EMBEDDING_PRICES] as const) {
      for (const p of Object.values(table)) {
        expect(p.models[p.unlisted]).toBeDefined();
        const prices = Object.values(p.models as Record<string, number | { input: number; output: number }>).flatMap((v) => (typeof v === "number" ? [v] : [v.input, v.output]));
        for (const price of prices) expect(Number.isInteger(price)).toBe(true);
      }
    }
  });

  it("finds dated snapshots, and costs an unknown model or provider as the stated default with a warning", () => {
    expect(lookupPrice(LLM_PRICES, "llm", { provider: "openai", model: "gpt-4o-2024-08-06" }, "openai")).toMatchObject({ model: "gpt-4o", price: { input: 2_500_000 } });
    expect(lookupPrice(LLM_PRICES, "llm", { provider: "openai", model: "gpt-4.1-mini" }, "openai").warning).toBeUndefined();
    expect(lookupPrice(LLM_PRICES, "llm", { provider: "openai", model: "gpt-9" }, "openai")).toMatchObject({
      model: "gpt-4o",
      warning: 'llm: no price for openai model "gpt-9"; costed as gpt-4o',
    });
    expect(lookupPrice(TTS_PRICES, "tts", { provider: "acme", model: "x" }, "elevenlabs")).toMatchObject({ provider: "elevenlabs", model: "eleven_multilingual_v2", price: 100_000 });
    expect(lookupPrice(STT_PRICES, "stt", { provider: "constructor" }, "openai").warning).toContain('provider "constructor"');
    // Local providers cost nothing whatever the model, silently.
    const local = lookupPrice(LLM_PRICES, "llm", { provider: "local", model: "gpt-4o" }, "openai");
    expect(local.price).toEqual({ input: 0, output: 0 });
    expect(local.warning).toBeUndefined();
  });
});

describe("computeCallCost", () => {
  it("costs each capability from its records and the call's Twilio minutes, rounded up", () => {
    const cost = computeCallCost({
      sources: VENDORS,
      telephony: twilio(61), // two started minutes
      usage: [
        { kind: "LLM_INPUT_TOKENS", quantity: 10_000 }, // 10k × $0.15/1M = 1,500 µ$
        { kind: "LLM_OUTPUT_TOKENS", quantity: 1_000 }, // 1k × $0.60/1M = 600 µ$
        { kind: "STT_SECONDS", quantity: 30 }, // ½ min × $0.003 = 1,500 µ$
        { kind: "TTS_CHARACTERS", quantity: 400 }, // 0.4k × $0.05 = 20,000 µ$
        { kind: "EMBEDDING_TOKENS", quantity: 50 }, // 50 × $0.02/1M = 1 µ$
        { kind: "CALL_SECONDS", quantity: 60.8 },
      ],
    });
    expect(cost.recordMicros).toEqual([1_500, 600, 1_500, 20_000, 1, 17_000]);
    expect(cost.lines.find((l) => l.capability === "telephony")).toMatchObject({ provider: "twilio", quantity: 2, unit: "minutes", unitPriceMicros: 8_500, micros: 17_000 });
    expect(cost.totalMicros).toBe(40_601);
    expect(cost.totalCents).toBe(4);
    // 2,100 + 1,500 + 20,000 + 1 + 17,000 µ$: floors 0+0+2+0+1 = 3, the largest remainder (telephony's 7,000) gets the 4th cent.
    expect(cost.breakdown).toEqual({ llmCents: 0, sttCents: 0, ttsCents: 2, embeddingsCents: 0, telephonyCents: 2 });
    expect(cost.warnings).toEqual([]);
  });

  it("makes the parts add up to the total even when each part is under a cent", () => {
    const cost = computeCallCost({
      sources: VENDORS,
      telephony: { channel: "web", direction: "INBOUND", durationSec: 20 },
      usage: [
        { kind: "LLM_OUTPUT_TOKENS", quantity: 6_000 }, // 3,600 µ$
        { kind: "STT_SECONDS", quantity: 60 }, // 3,000 µ$
        { kind: "TTS_CHARACTERS", quantity: 60 }, // 3,000 µ$
      ],
    });
    expect(cost.totalMicros).toBe(9_600);
    expect(cost.totalCents).toBe(1);
    expect(cost.breakdown).toEqual({ llmCents: 1, sttCents: 0, ttsCents: 0, telephonyCents: 0 });
  });

  it("sums records of one kind into one line, each record rounded half up to a micro", () => {
    const cost = computeCallCost({
      sources: VENDORS,
      telephony: twilio(0),
      usage: [
        { kind: "LLM_INPUT_TOKENS", quantity: 3 }, // 0.45 µ$ → 0
        { kind: "LLM_INPUT_TOKENS", quantity: 5 }, // 0.75 µ$ → 1
        { kind: "LLM_INPUT_TOKENS", quantity: 10 }, // 1.5 µ$ → 2
      ],
    });
    expect(cost.recordMicros).toEqual([0, 1, 2]);
    expect(cost.lines.filter((l) => l.kind === "LLM_INPUT_TOKENS")).toEqual([expect.objectContaining({ quantity: 18, micros: 3, model: "gpt-4o-mini" })]);
    expect(recordMicros("LLM_INPUT_TOKENS", 10, VENDORS)).toBe(2);
  });

  it("costs local providers, browser calls and simulated numbers at zero", () => {
    for (const channel of ["web", "local"] as const) {
      const cost = computeCallCost({
        sources: LOCAL,
        telephony: { channel, direction: "INBOUND", durationSec: 300 },
        usage: [
          { kind: "LLM_INPUT_TOKENS", quantity: 5_000 },
          { kind: "STT_SECONDS", quantity: 100 },
          { kind: "TTS_CHARACTERS", quantity: 900 },
          { kind: "CALL_SECONDS", quantity: 300 },
        ],
      });
      expect(cost).toMatchObject({ totalMicros: 0, totalCents: 0, warnings: [] });
      expect(cost.breakdown).toEqual({ llmCents: 0, sttCents: 0, ttsCents: 0, telephonyCents: 0 });
    }
  });

  it("costs speech-to-speech tokens at gpt-realtime's audio rates", () => {
    const cost = computeCallCost({
      sources: { llm: { provider: "openai", model: "gpt-realtime" } },
      telephony: twilio(60),
      usage: [
        { kind: "LLM_INPUT_TOKENS", quantity: 2_000 }, // × $32/1M = 64,000 µ$
        { kind: "LLM_OUTPUT_TOKENS", quantity: 1_000 }, // × $64/1M = 64,000 µ$
      ],
    });
    expect(cost.totalMicros).toBe(128_000 + 8_500);
    expect(cost.breakdown).toEqual({ llmCents: 13, telephonyCents: 1 });
  });

  it("costs an unknown model at the stated default and says so instead of failing", () => {
    const cost = computeCallCost({
      sources: { ...VENDORS, llm: { provider: "openai", model: "gpt-9-turbo" }, tts: { provider: "elevenlabs", model: "eleven_future" } },
      telephony: twilio(10),
      usage: [
        { kind: "LLM_OUTPUT_TOKENS", quantity: 1_000 }, // as gpt-4o: 10,000 µ$
        { kind: "LLM_INPUT_TOKENS", quantity: 1_000 }, // as gpt-4o: 2,500 µ$
        { kind: "TTS_CHARACTERS", quantity: 100 }, // as multilingual: 10,000 µ$
      ],
    });
    expect(cost.recordMicros).toEqual([10_000, 2_500, 10_000]);
    expect(cost.warnings).toEqual([
      'llm: no price for openai model "gpt-9-turbo"; costed as gpt-4o',
      'tts: no price for elevenlabs model "eleven_future"; costed as eleven_multilingual_v2',
    ]);
    expect(toStoredBreakdown(cost)).toMatchObject({ warnings: cost.warnings, pricesAsOf: expect.any(String) });
  });

  it("takes Twilio's billed duration over the engine's seconds, and splits telephony among CALL_SECONDS records", () => {
    const usage = [
      { kind: "CALL_SECONDS" as const, quantity: 100 },
      { kind: "CALL_SECONDS" as const, quantity: 50 },
    ];
    // No duration on the call: the records' 150 s → 3 minutes.
    expect(computeCallCost({ sources: VENDORS, telephony: twilio(null), usage }).recordMicros).toEqual([17_000, 8_500]);
    // Twilio said 181 s → 4 minutes = 34,000 µ$, shared 2:1, the last taking the rounding rest.
    const cost = computeCallCost({ sources: VENDORS, telephony: twilio(181), usage });
    expect(cost.recordMicros).toEqual([22_667, 11_333]);
    expect(cost.totalMicros).toBe(34_000);
    // Outbound minutes cost Twilio's outbound rate.
    expect(computeCallCost({ sources: VENDORS, telephony: { channel: "twilio", direction: "OUTBOUND", durationSec: 60 }, usage: [] }).totalMicros).toBe(14_000);
  });

  it("prices a record by its own model: the fallback LLM's tokens at its price, the fallback voice's characters as local", () => {
    const cost = computeCallCost({
      sources: VENDORS,
      telephony: twilio(0),
      usage: [
        { kind: "LLM_INPUT_TOKENS", quantity: 10_000 }, // the agent's gpt-4o-mini: $0.15/1M = 1,500 µ$
        { kind: "LLM_INPUT_TOKENS", quantity: 10_000, model: "gpt-4.1-mini" }, // the fallback: $0.40/1M = 4,000 µ$
        { kind: "LLM_OUTPUT_TOKENS", quantity: 1_000, model: "gpt-4.1-mini" }, // $1.60/1M = 1,600 µ$
        { kind: "TTS_CHARACTERS", quantity: 400, model: null }, // ElevenLabs flash: 20,000 µ$
        { kind: "TTS_CHARACTERS", quantity: 100, model: "local" }, // the local voice finished a sentence: free
      ],
    });
    expect(cost.recordMicros).toEqual([1_500, 4_000, 1_600, 20_000, 0]);
    expect(cost.lines.filter((l) => l.kind === "LLM_INPUT_TOKENS")).toEqual([
      expect.objectContaining({ provider: "openai", model: "gpt-4o-mini", quantity: 10_000, micros: 1_500 }),
      expect.objectContaining({ provider: "openai", model: "gpt-4.1-mini", quantity: 10_000, unitPriceMicros: 400_000, micros: 4_000 }),
    ]);
    expect(cost.lines.filter((l) => l.kind === "TTS_CHARACTERS").map((l) => [l.provider, l.model, l.quantity, l.micros])).toEqual([
      ["elevenlabs", "eleven_flash_v2_5", 400, 20_000],
      ["local", "local", 100, 0],
    ]);
    expect(cost.totalMicros).toBe(27_100);
    expect(cost.warnings).toEqual([]);
    expect(recordMicros("LLM_OUTPUT_TOKENS", 1_000, VENDORS, "gpt-4.1-mini")).toBe(1_600);
    // A record's unknown model is costed as its provider's unlisted one, with the same warning as a source's.
    expect(computeCallCost({ sources: VENDORS, telephony: twilio(0), usage: [{ kind: "LLM_OUTPUT_TOKENS", quantity: 1_000, model: "gpt-9" }] }).warnings).toEqual([
      'llm: no price for openai model "gpt-9"; costed as gpt-4o',
    ]);
  });

  it("costs a transfer's <Dial> leg at the outbound minute price, each leg in its own started minutes", () => {
    const usage = [
      { kind: "CALL_SECONDS" as const, quantity: 30 },
      { kind: "TRANSFER_SECONDS" as const, quantity: 61 }, // 2 minutes × $0.014 = 28,000 µ$
      { kind: "TRANSFER_SECONDS" as const, quantity: 5 }, // a second leg: 1 minute = 14,000 µ$
    ];
    const cost = computeCallCost({ sources: VENDORS, telephony: twilio(30), usage });
    expect(cost.recordMicros).toEqual([8_500, 28_000, 14_000]);
    expect(cost.lines.find((l) => l.kind === "TRANSFER_SECONDS")).toEqual(
      expect.objectContaining({ capability: "telephony", provider: "twilio", quantity: 3, unit: "minutes", unitPriceMicros: 14_000, micros: 42_000 }),
    );
    expect(cost.totalMicros).toBe(50_500);
    expect(cost.breakdown).toEqual({ telephonyCents: 5 });
    // The per-record price of a kind costed from the channel is left to the whole-call costing.
    expect(recordMicros("TRANSFER_SECONDS", 61, VENDORS)).toBe(0);
    // A browser test call has no Twilio leg to pay for.
    expect(computeCallCost({ sources: VENDORS, telephony: { channel: "web", direction: "INBOUND", durationSec: 30 }, usage }).totalMicros).toBe(0);
  });

  it("ignores empty or nonsensical quantities and usage that is not the call's own", () => {
    const cost = computeCallCost({
      sources: VENDORS,
      telephony: twilio(0),
      usage: [
        { kind: "TTS_CHARACTERS", quantity: 0 },
        { kind: "TTS_CHARACTERS", quantity: Number.NaN },
        { kind: "PHONE_NUMBER_DAYS", quantity: 3 },
      ],
    });
    expect(cost).toMatchObject({ totalMicros: 0, recordMicros: [0, 0, 0], breakdown: { telephonyCents: 0 } });
  });
});

describe("usage sources", () => {
  const env = { OPENAI_API_KEY: "sk-test", ELEVENLABS_API_KEY: "el-test" } as const;

  it("names the selected provider per capability, the agent's LLM model and the vendors' default models", () => {
    expect(usageSourcesFor({ llmModel: "gpt-4.1" }, env)).toEqual({
      llm: { provider: "openai", model: "gpt-4.1" },
      stt: { provider: "openai", model: "gpt-4o-mini-transcribe" },
      tts: { provider: "elevenlabs", model: "eleven_flash_v2_5" },
      embeddings: { provider: "openai", model: "text-embedding-3-small" },
    });
    expect(usageSourcesFor({ llmModel: "gpt-4.1" }, { ...env, STT_PROVIDER: "local", OPENAI_STT_MODEL: "gpt-4o-transcribe" }).stt).toEqual({ provider: "local", model: "local" });
    expect(usageSourcesFor({ llmModel: "gpt-4o" }, {}).llm).toEqual({ provider: "local", model: "local" });
  });

  it("prices ElevenLabs by the agent's own model, else ELEVENLABS_MODEL, else the default", () => {
    expect(usageSourcesFor({ llmModel: "gpt-4o", ttsModel: "eleven_multilingual_v2" }, { ...env, ELEVENLABS_MODEL: "eleven_turbo_v2_5" }).tts).toEqual({ provider: "elevenlabs", model: "eleven_multilingual_v2" });
    expect(usageSourcesFor({ llmModel: "gpt-4o", ttsModel: null }, { ...env, ELEVENLABS_MODEL: "eleven_turbo_v2_5" }).tts).toEqual({ provider: "elevenlabs", model: "eleven_turbo_v2_5" });
    expect(usageSourcesFor({ llmModel: "gpt-4o", ttsModel: null }, env).tts).toEqual({ provider: "elevenlabs", model: "eleven_flash_v2_5" });
    // The local voice has one model whatever the agent chose for ElevenLabs.
    expect(usageSourcesFor({ llmModel: "gpt-4o", ttsModel: "eleven_v3" }, { ...env, TTS_PROVIDER: "local" }).tts).toEqual({ provider: "local", model: "local" });
  });

  it("assumes the same default models as the vendor providers use", () => {
    expect([DEFAULT_OPENAI_STT_MODEL, DEFAULT_ELEVENLABS_MODEL, DEFAULT_OPENAI_EMBEDDING_MODEL]).toEqual([DEFAULT_STT_MODEL, ELEVENLABS_DEFAULT_MODEL, OPENAI_EMBEDDING_MODEL]);
  });

  it("reads back what a call stored, and nothing from metadata without it", () => {
    const sources = usageSourcesFor({ llmModel: "gpt-4o" }, env);
    expect(readUsageSources({ streamSid: "MZ1", usageSources: JSON.parse(JSON.stringify(sources)) })).toEqual(sources);
    expect(readUsageSources({ streamSid: "MZ1" })).toBeNull();
    expect(readUsageSources({ usageSources: { llm: { provider: 5 } } })).toBeNull();
    expect(readUsageSources(null)).toBeNull();
  });
});
