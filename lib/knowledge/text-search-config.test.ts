import { describe, expect, it } from "vitest";
import { TS_CONFIGS, tsConfigFor } from "./text-search-config";

describe("tsConfigFor", () => {
  it("maps a language tag's primary subtag to its configuration", () => {
    expect(tsConfigFor("en-US")).toBe("english");
    expect(tsConfigFor("es")).toBe("spanish");
    expect(tsConfigFor("pt_BR")).toBe("portuguese");
    expect(tsConfigFor("FR-ca")).toBe("french");
    expect(tsConfigFor("nb-NO")).toBe("norwegian");
    expect(tsConfigFor("no")).toBe("norwegian");
    expect(tsConfigFor("de")).toBe("german");
  });

  it("falls back to 'simple' for languages without a stemmer", () => {
    expect(tsConfigFor("ja-JP")).toBe("simple");
    expect(tsConfigFor("")).toBe("simple");
    expect(TS_CONFIGS).toContain("simple");
  });
});
