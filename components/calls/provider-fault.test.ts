import { describe, expect, it } from "vitest";
import { providerFaultLine } from "./provider-fault";

describe("providerFaultLine", () => {
  it("says what failed and what was done", () => {
    expect(providerFaultLine({ provider: "elevenlabs", capability: "tts", error: "socket closed", action: "fallback_voice" })).toBe(
      "ElevenLabs voice failed (socket closed): finished with the backup voice",
    );
    expect(providerFaultLine({ provider: "openai", capability: "llm", action: "retry" })).toBe("OpenAI language model failed: asked again");
  });

  it("copes with unknown or missing fields", () => {
    expect(providerFaultLine({ provider: "acme", capability: "ocr", action: "hope_for_the_best" })).toBe("acme ocr failed: hope for the best");
    expect(providerFaultLine(null)).toBe("A provider failed");
  });
});
