import { describe, expect, it } from "vitest";
import { parseEnv } from "../../env";
import { ProviderConfigError } from "../selection";
import { getResponderProvider } from "./index";

describe("getResponderProvider", () => {
  it("defaults to the local responder", () => {
    expect(getResponderProvider(parseEnv({})).name).toBe("local");
    expect(getResponderProvider(parseEnv({ LLM_PROVIDER: " Local " })).name).toBe("local");
    expect(getResponderProvider(parseEnv({ LLM_PROVIDER: "" })).name).toBe("local");
  });

  it("an unknown name is a clear error naming the variable", () => {
    expect(() => getResponderProvider(parseEnv({ LLM_PROVIDER: "gemini" }))).toThrow(ProviderConfigError);
    expect(() => getResponderProvider(parseEnv({ LLM_PROVIDER: "gemini" }))).toThrow(/LLM_PROVIDER="gemini" is not supported/);
  });
});
