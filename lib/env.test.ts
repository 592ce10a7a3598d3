// parseEnv: the secret has no built-in fallback, derived defaults follow the variables they come from.
import { describe, expect, it } from "vitest";
import { parseEnv, requireAuthSecret } from "./env";

const SECRET = "s".repeat(32);

describe("auth secret", () => {
  it.each([undefined, "development", "test", "production"])("has no fallback when unset (NODE_ENV=%s): requireAuthSecret names the variable", (nodeEnv) => {
    const env = parseEnv({ NODE_ENV: nodeEnv });
    expect(env.AUTH_SECRET).toBeUndefined();
    expect(() => requireAuthSecret(env)).toThrow(/AUTH_SECRET: not set \(nor NEXTAUTH_SECRET\)/);
  });

  it("treats an empty AUTH_SECRET as unset and falls back to NEXTAUTH_SECRET", () => {
    expect(() => requireAuthSecret(parseEnv({ AUTH_SECRET: "" }))).toThrow(/AUTH_SECRET: not set/);
    expect(requireAuthSecret(parseEnv({ AUTH_SECRET: "", NEXTAUTH_SECRET: SECRET }))).toBe(SECRET);
    expect(requireAuthSecret(parseEnv({ AUTH_SECRET: SECRET }))).toBe(SECRET);
  });

  it("rejects a short secret naming the variable", () => {
    expect(() => parseEnv({ AUTH_SECRET: "short" })).toThrow(/AUTH_SECRET: AUTH_SECRET must be at least 32 characters/);
  });
});

describe("VOICE_PUBLIC_URL", () => {
  it("defaults from VOICE_PORT", () => {
    expect(parseEnv({}).VOICE_PUBLIC_URL).toBe("ws://localhost:8080");
    expect(parseEnv({ VOICE_PORT: "8380" }).VOICE_PUBLIC_URL).toBe("ws://localhost:8380");
    expect(parseEnv({ VOICE_PORT: "8380", VOICE_PUBLIC_URL: "" }).VOICE_PUBLIC_URL).toBe("ws://localhost:8380");
  });

  it("keeps an explicit value", () => {
    expect(parseEnv({ VOICE_PORT: "8380", VOICE_PUBLIC_URL: "wss://voice.example.com" }).VOICE_PUBLIC_URL).toBe("wss://voice.example.com");
  });
});

describe("VOICE_MAX_CALLS", () => {
  it("is unset (no platform limit) unless given, and refuses what is not a positive whole number", () => {
    expect(parseEnv({}).VOICE_MAX_CALLS).toBeUndefined();
    expect(parseEnv({ VOICE_MAX_CALLS: "" }).VOICE_MAX_CALLS).toBeUndefined();
    expect(parseEnv({ VOICE_MAX_CALLS: " 150 " }).VOICE_MAX_CALLS).toBe(150);
    for (const bad of ["0", "-5", "1.5", "lots", "1e3"]) expect(() => parseEnv({ VOICE_MAX_CALLS: bad }), bad).toThrow(/VOICE_MAX_CALLS/);
  });
});

describe("WORKER_HOST", () => {
  it("is loopback unless configured", () => {
    expect(parseEnv({}).WORKER_HOST).toBe("127.0.0.1");
    expect(parseEnv({ WORKER_HOST: "0.0.0.0" }).WORKER_HOST).toBe("0.0.0.0");
  });
});
