import { describe, expect, it } from "vitest";
import { detectHours, detectHuman, detectMessageRequest, detectUrgency, detectYesNo } from "./intents";
import { normalizeUtterance } from "./normalize";
import { extractMessage, extractName, extractNumber } from "./take-message";

const n = normalizeUtterance;

describe("normalising recogniser and typed text", () => {
  it("lower-cases, strips punctuation, expands contractions, drops fillers (not a spoken zero)", () => {
    expect(n("Uh, What's your address?")).toBe("what is your address");
    expect(n("I’d like to, um, leave a message")).toBe("i would like to leave a message");
    expect(n("oh five five five")).toBe("oh five five five");
    expect(n("oh hello")).toBe("hello");
    expect(n("I can't hear you")).toBe("i can not hear you");
  });
});

describe("intents", () => {
  it("hours questions by kind", () => {
    expect(detectHours(n("What time do you open on Saturday?"))).toEqual({ kind: "days", days: ["saturday"] });
    expect(detectHours(n("are you open this weekend"))).toEqual({ kind: "days", days: ["saturday", "sunday"] });
    expect(detectHours(n("are you guys open right now"))).toEqual({ kind: "now" });
    expect(detectHours(n("when do you close"))).toEqual({ kind: "closing" });
    expect(detectHours(n("what time do you open"))).toEqual({ kind: "opening" });
    expect(detectHours(n("are you open today"))).toEqual({ kind: "today" });
    expect(detectHours(n("what are your hours"))).toEqual({ kind: "week" });
    expect(detectHours(n("where are you located"))).toBeNull();
  });

  it("message vs person vs yes/no vs urgency", () => {
    expect(detectMessageRequest(n("can i leave a message for the doctor"))).toBe(true);
    expect(detectMessageRequest(n("can someone call me back"))).toBe(true);
    expect(detectHuman(n("can someone call me back"))).toBe(false);
    expect(detectHuman(n("I want to speak to a real person"))).toBe(true);
    expect(detectHuman(n("caller pressed 0 (asks for a human)"))).toBe(true);
    expect(detectYesNo(n("No, it's five five five"))).toEqual({ answer: "no", rest: "it is five five five" });
    expect(detectYesNo(n("yes please"))).toEqual({ answer: "yes", rest: "" });
    expect(detectYesNo(n("that's not right"))).toEqual({ answer: "no", rest: "" });
    expect(detectYesNo(n("right now"))).toBeNull();
    expect(detectUrgency(n("it's not urgent"))).toBe("LOW");
    expect(detectUrgency(n("please call ASAP"))).toBe("HIGH");
    expect(detectUrgency(n("call me back"))).toBeNull();
  });
});

describe("take-message extraction", () => {
  it("names from carriers or a bare answer, never from a sentence", () => {
    expect(extractName(n("my name is anna smith"), false)).toBe("Anna Smith");
    expect(extractName(n("Hi, this is John calling about my appointment"), false)).toBe("John");
    expect(extractName(n("it's mary-jane o'brien"), false)).toBe("Mary Jane O'Brien");
    expect(extractName(n("it's urgent"), false)).toBeNull();
    expect(extractName(n("i am looking for a dentist"), false)).toBeNull();
    expect(extractName(n("peter"), true)).toBe("Peter");
    expect(extractName(n("i want to book something"), true)).toBeNull();
  });

  it("numbers with a carrier, and the message without 'tell them that'", () => {
    expect(extractNumber(n("my number is five five five one two three four"))?.digits).toBe("5551234");
    expect(extractNumber(n("i have two kids"))).toBeNull();
    expect(extractMessage("Please tell them that I'll be late.")).toBe("I'll be late.");
    expect(extractMessage("the message is call me")).toBe("Call me");
    expect(extractMessage("tell him")).toBe("Tell him");
    expect(extractMessage("  ...  ")).toBeNull();
  });
});
