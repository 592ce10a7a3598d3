import { describe, expect, it, vi } from "vitest";
import type { AgentProfile } from "../../lib/providers/responder/types";
import { expectedCallerPhrases } from "../../lib/providers/responder/local/caller-phrases";
import { createCallerPhraseCache } from "./caller-phrase-cache";

const profile = (overrides: Partial<AgentProfile> = {}) =>
  ({ agentId: "agent-1", faq: [{ question: "Do you take walk-ins?", answer: "Yes." }], services: ["Teeth cleaning"], knowledgePhrases: [], ...overrides }) as AgentProfile;

describe("caller phrase cache", () => {
  it("makes an agent's phrases once and hands every call the same lists", () => {
    const make = vi.fn(expectedCallerPhrases);
    const cache = createCallerPhraseCache({ expectedCallerPhrases: make });
    const first = cache.of(profile());
    const second = cache.of(profile()); // a fresh load of the same configuration
    expect(make).toHaveBeenCalledTimes(1);
    expect(second).toBe(first);
    expect(first.phrases).toContain("do you take walk ins");
    // The endpointing's form: what the recogniser writes for each phrase.
    expect(first.sentences.has("do you take walk ins")).toBe(true);
    expect(first.sentences.has("what time do you open on saturday")).toBe(true);
    expect(Object.isFrozen(first.phrases)).toBe(true);
  });

  it("any change to the agent makes new lists (a new FAQ question is expected at once)", () => {
    const make = vi.fn(expectedCallerPhrases);
    const cache = createCallerPhraseCache({ expectedCallerPhrases: make });
    cache.of(profile());
    const changed = cache.of(profile({ faq: [{ question: "Is there parking nearby?", answer: "Yes." }] }));
    expect(make).toHaveBeenCalledTimes(2);
    expect(changed.sentences.has("is there parking nearby")).toBe(true);
    expect(changed.sentences.has("do you take walk ins")).toBe(false);
    expect(cache.of(profile({ knowledgePhrases: ["what is your refund policy"] })).sentences.has("what is your refund policy")).toBe(true);
  });

  it("keeps the most recently used configurations up to its size", () => {
    const make = vi.fn(expectedCallerPhrases);
    const cache = createCallerPhraseCache({ expectedCallerPhrases: make }, 2);
    const a = profile({ agentId: "a" });
    cache.of(a);
    cache.of(profile({ agentId: "b" }));
    cache.of(a); // a is the most recent now
    cache.of(profile({ agentId: "c" })); // evicts b
    expect(cache.size).toBe(2);
    make.mockClear();
    cache.of(a);
    expect(make).not.toHaveBeenCalled();
    cache.of(profile({ agentId: "b" }));
    expect(make).toHaveBeenCalledTimes(1);
  });

  it("a responder without expected phrases gives empty lists", () => {
    const entry = createCallerPhraseCache({}).of(profile());
    expect(entry.phrases).toEqual([]);
    expect(entry.sentences.size).toBe(0);
  });
});
