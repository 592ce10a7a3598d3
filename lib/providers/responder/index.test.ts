import { describe, expect, it } from "vitest";
import { parseEnv } from "../../env";
import { getResponderProvider, ResponderConfigError } from "./index";

describe("getResponderProvider", () => {
  it("defaults to the local responder", () => {
    expect(getResponderProvider(parseEnv({})).name).toBe("local");
    expect(getResponderProvider(parseEnv({ RESPONDER_PROVIDER: " Local " })).name).toBe("local");
    expect(getResponderProvider(parseEnv({ RESPONDER_PROVIDER: "" })).name).toBe("local");
  });

  it("any other value is a clear error naming the variable", () => {
    expect(() => getResponderProvider(parseEnv({ RESPONDER_PROVIDER: "openai" }))).toThrow(ResponderConfigError);
    expect(() => getResponderProvider(parseEnv({ RESPONDER_PROVIDER: "openai" }))).toThrow(/RESPONDER_PROVIDER="openai" is not supported/);
    try {
      getResponderProvider(parseEnv({ RESPONDER_PROVIDER: "openai" }));
    } catch (e) {
      expect((e as ResponderConfigError).code).toBe("RESPONDER_PROVIDER_UNSUPPORTED");
    }
  });
});
