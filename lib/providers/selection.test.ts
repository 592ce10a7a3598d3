import { describe, expect, it } from "vitest";
import { parseEnv } from "../env";
import { ProviderConfigError, selectProviders } from "./selection";

const select = (vars: Record<string, string>) => selectProviders(parseEnv(vars));

describe("provider selection", () => {
  it("is all local without keys", () => {
    expect(select({})).toEqual({ llm: "local", stt: "local", tts: "local", embeddings: "none", telephony: "local" });
  });

  it("takes the vendor whose key is set, per capability", () => {
    expect(select({ OPENAI_API_KEY: "sk-test" })).toEqual({ llm: "openai", stt: "openai", tts: "local", embeddings: "openai", telephony: "local" });
    expect(select({ ELEVENLABS_API_KEY: "el" })).toMatchObject({ llm: "local", tts: "elevenlabs" });
    expect(select({ TWILIO_ACCOUNT_SID: `AC${"a".repeat(32)}`, TWILIO_AUTH_TOKEN: "t" }).telephony).toBe("twilio");
  });

  it("lets each capability be chosen on its own", () => {
    expect(select({ OPENAI_API_KEY: "sk-test", STT_PROVIDER: "Local", EMBEDDINGS_PROVIDER: "none" })).toMatchObject({ llm: "openai", stt: "local", embeddings: "none" });
  });

  it("refuses an unknown name or a vendor without its key, naming the variable", () => {
    expect(() => select({ LLM_PROVIDER: "anthropic" })).toThrow('LLM_PROVIDER="anthropic" is not supported: choose one of openai, local');
    expect(() => select({ TTS_PROVIDER: "elevenlabs" })).toThrow("TTS_PROVIDER=elevenlabs needs ELEVENLABS_API_KEY");
    try {
      select({ STT_PROVIDER: "openai" });
    } catch (e) {
      expect((e as ProviderConfigError).code).toBe("PROVIDER_KEY_MISSING");
    }
  });
});
