import { describe, expect, it } from "vitest";
import type { Voice } from "../providers/speech/types";
import { defaultVoiceFor, groupVoicesByLanguage, voiceAfterLanguageChange } from "./rank";

const v = (id: string, language: string): Voice => ({ id, name: id, language, provider: "test" });
const voices = [v("de-1", "de-DE"), v("us-1", "en-US"), v("gb-1", "en-GB"), v("us-2", "en-US"), v("es-1", "es-ES"), v("mx-1", "es-US")];

describe("voice ranking", () => {
  it("puts the agent's language first, then its other regions, then the rest by language", () => {
    const groups = groupVoicesByLanguage(voices, "en-GB");
    expect(groups.map((g) => g.language)).toEqual(["en-GB", "en-US", "de-DE", "es-ES", "es-US"]);
    expect(groups[1]!.voices.map((x) => x.id)).toEqual(["us-1", "us-2"]);
  });

  it("matches languages case-insensitively and falls back to the same base language", () => {
    expect(groupVoicesByLanguage(voices, "es-us")[0]!.language).toBe("es-US");
    expect(defaultVoiceFor(voices, "en-AU")?.id).toBe("gb-1");
  });

  it("picks the provider's first voice of the language, or any voice when none speaks it", () => {
    expect(defaultVoiceFor(voices, "en-US")?.id).toBe("us-1");
    expect(defaultVoiceFor(voices, "nl-NL")?.id).toBe("de-1");
    expect(defaultVoiceFor([], "en-US")).toBeUndefined();
  });

  it("after a language change keeps a voice that speaks it, else takes the language's first", () => {
    expect(voiceAfterLanguageChange(voices, "gb-1", "en-US")?.id).toBe("gb-1");
    expect(voiceAfterLanguageChange(voices, "us-2", "es-ES")?.id).toBe("es-1");
    expect(voiceAfterLanguageChange(voices, "gone", "de-DE")?.id).toBe("de-1");
  });
});
