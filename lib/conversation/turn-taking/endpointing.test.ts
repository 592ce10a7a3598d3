// Both sides of the endpointing trade: a caller who pauses mid-thought or is dictating a number or
// an email gets the long wait; a finished question or sentence gets the short one, with or without
// the punctuation that local STT never produces.
import { describe, expect, it } from "vitest";
import { endpointDecision, endpointDelayMs } from "./endpointing";

const reason = (text: string) => endpointDecision(text).reason;

describe("short wait: the turn is finished", () => {
  it.each([
    ["What time do you open on Saturday?", "question"],
    ["Where are you located?", "question"],
    ["What are you looking for?", "question"], // a finished question may end on a preposition
    ["I'd like to book an appointment.", "sentence"],
    ["I'd like a table for 4.", "sentence"],
    ["That's great, thanks!", "sentence"],
    ["Can I talk to her?", "question"],
    ["So do I.", "sentence"],
  ])("%s → %s", (text, why) => {
    expect(reason(text)).toBe(why);
    expect(endpointDelayMs(text)).toBe(300);
  });

  it.each([
    "what time do you open on saturday",
    "um so what time do you open on saturday",
    "do you have any appointments tomorrow",
    "can you tell me the address",
    "is the office open today",
    "how much does a cleaning cost",
    "what's your address",
  ])("an unpunctuated question by its form: %s", (text) => {
    expect(reason(text)).toBe("question");
    expect(endpointDelayMs(text)).toBe(300);
  });

  it.each(["thank you", "Thanks, bye", "that's all"])("a closing: %s", (text) => {
    expect(endpointDelayMs(text)).toBe(300);
  });
});

describe("long wait: the caller is not done", () => {
  it.each(["I was wondering uh", "So um", "Yeah, I need, like", "it's about, you know", "Um."])("a trailing filler: %s", (text) => {
    expect(reason(text)).toBe("filler");
    expect(endpointDelayMs(text)).toBe(1400);
  });

  it.each([
    "I need an appointment and",
    "I'm calling about my",
    "I want to book it for",
    "can you send it to",
    "what time do you open on", // a question that trails off
    "what are you looking for", // unpunctuated, a trailing preposition counts as unfinished
    "so I was going to ask if",
    "my number is",
    "my email is",
    "the",
    "I need an appointment and.", // STT punctuation does not finish a dangling conjunction
    "Well, I was thinking,",
    "Let me see...",
  ])("a dangling word or clause: %s", (text) => {
    expect(reason(text)).toBe("dangling");
    expect(endpointDelayMs(text)).toBe(1400);
  });

  it.each([
    "my number is 555",
    "my number is 555 123",
    "555 123 45",
    "it's five five five",
    "five five five one two",
    "call me back at 555-0199",
    "the callback number is oh seven seven double nine",
    "area code two one two",
    "my number is 555 123.", // punctuation mid-dictation does not end it
  ])("an unfinished digit run: %s", (text) => {
    expect(reason(text)).toBe("digits");
    expect(endpointDelayMs(text)).toBe(1400);
  });

  it.each(["john dot smith at", "john dot smith at gmail", "it's j dot smith underscore", "j o h n", "john.smith@gmail", "my email is john dot"])(
    "an email or name being spelled: %s",
    (text) => {
      expect(reason(text)).toBe("spelling");
      expect(endpointDelayMs(text)).toBe(1400);
    },
  );
});

describe("the default wait, and what is not a dictated number", () => {
  it.each([
    "my number is 555 123 4567", // ten digits: complete
    "five five five one two three four five six seven",
    "john dot smith at gmail dot com",
    "john@gmail.com",
    "I need to reschedule my appointment",
    "we open at 10:30",
    "it costs $1,200",
    "the blue one",
    "I'd like a table for 4",
    "my order from 2024",
    "yes",
    "what",
    "",
    "   ",
  ])("%j → default", (text) => {
    expect(reason(text)).toBe("default");
    expect(endpointDelayMs(text)).toBe(700);
  });
});

describe("options", () => {
  it("uses the given delays and clamps to min/max", () => {
    const opts = { shortMs: 250, defaultMs: 600, longMs: 1500 };
    expect(endpointDelayMs("Where are you?", opts)).toBe(250);
    expect(endpointDelayMs("I need", opts)).toBe(600);
    expect(endpointDelayMs("and", opts)).toBe(1500);
    expect(endpointDelayMs("Where are you?", { ...opts, minMs: 400 })).toBe(400);
    expect(endpointDelayMs("and uh", { ...opts, maxMs: 1200 })).toBe(1200);
    expect(endpointDecision("and uh", { maxMs: 1000 })).toEqual({ delayMs: 1000, reason: "filler" });
  });

  it("the finished sentence always waits less than the paused caller", () => {
    const pairs: [done: string, paused: string][] = [
      ["What time do you open on Saturday?", "What time do you open on uh"],
      ["my number is 555 123 4567", "my number is 555 123"],
      ["john dot smith at gmail dot com", "john dot smith at"],
    ];
    for (const [done, paused] of pairs) {
      expect(endpointDelayMs(done)).toBeLessThan(endpointDelayMs(paused));
    }
  });
});

describe("sentences the agent's callers are expected to say", () => {
  const expectedSentences = new Set(["i'd like to leave a message", "my number is", "can i talk to a person"]);
  it("an expected sentence, unpunctuated, gets the short wait", () => {
    expect(endpointDecision("i'd like to leave a message", { expectedSentences })).toEqual({ delayMs: 300, reason: "sentence" });
    expect(endpointDecision("um i'd like to leave a message", { expectedSentences }).reason).toBe("sentence");
  });
  it("an expected carrier phrase that ends dangling still waits for the rest", () => {
    expect(endpointDecision("my number is", { expectedSentences }).reason).toBe("dangling");
  });
  it("without the list, the same words get the default wait", () => {
    expect(endpointDecision("i'd like to leave a message").reason).toBe("default");
  });
  it("a goodbye at the end closes the turn", () => {
    expect(endpointDecision("thank you goodbye").reason).toBe("closing");
    expect(endpointDecision("ok thanks bye").reason).toBe("closing");
  });
});
