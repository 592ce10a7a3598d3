import { describe, expect, it } from "vitest";
import { countOf, pluralOf } from "./plural";

describe("countOf", () => {
  it("uses the singular for exactly one and the plural otherwise", () => {
    expect(countOf(1, "phone number")).toBe("1 phone number");
    expect(countOf(0, "phone number")).toBe("0 phone numbers");
    expect(countOf(2, "agent")).toBe("2 agents");
    expect(countOf(1_000, "agent")).toBe("1,000 agents");
  });

  it("takes an irregular plural", () => {
    expect(countOf(3, "entry", "entries")).toBe("3 entries");
    expect(countOf(1, "entry", "entries")).toBe("1 entry");
  });
});

describe("pluralOf", () => {
  it("adds an s unless an irregular plural is given", () => {
    expect(pluralOf("agent")).toBe("agents");
    expect(pluralOf("entry", "entries")).toBe("entries");
  });
});
