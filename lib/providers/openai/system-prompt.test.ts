import { describe, expect, it } from "vitest";
import { dentalProfile } from "../responder/local/test-profile";
import { toOpenAiMessages } from "./messages";
import { systemPrompt } from "./system-prompt";

const NOW = new Date("2026-03-09T15:00:00Z");
const NO_NAMES = /do not ask for the caller's name/;

describe("system prompt", () => {
  it("tells the model not to ask for a name the call's recogniser cannot take down", () => {
    const profile = dentalProfile();
    expect(profile.tools).toContain("take_message");
    expect(systemPrompt(profile, "normal", NOW, false)).toMatch(NO_NAMES);
    expect(systemPrompt(profile, "normal", NOW)).not.toMatch(NO_NAMES);
    // Nothing to say when the agent takes no messages.
    expect(systemPrompt(dentalProfile({ tools: ["end_call"] }), "normal", NOW, false)).not.toMatch(NO_NAMES);
    const system = (hearsNames?: boolean) => toOpenAiMessages({ profile, mode: "normal", history: [], now: NOW, hearsNames })[0]!.content as string;
    expect(system(false)).toMatch(NO_NAMES);
    expect(system(undefined)).not.toMatch(NO_NAMES);
  });
});
