import { mkdtempSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseEnv, requireTwilioAuthToken } from "../../env";
import { ensureLocalTwilioAuthToken, getTwilioAuthToken } from "./auth-token";

describe("TWILIO_AUTH_TOKEN", () => {
  it("is required in production, naming the variable", async () => {
    const env = parseEnv({ NODE_ENV: "production" });
    expect(() => requireTwilioAuthToken(env)).toThrow(/TWILIO_AUTH_TOKEN: not set/);
    await expect(getTwilioAuthToken(env)).rejects.toThrow(/TWILIO_AUTH_TOKEN: not set/);
    await expect(getTwilioAuthToken(parseEnv({ NODE_ENV: "production", TWILIO_AUTH_TOKEN: "prod-token" }))).resolves.toBe("prod-token");
  });

  it("is optional elsewhere (the local file takes over), and an empty value counts as unset", () => {
    for (const NODE_ENV of ["development", "test"]) {
      expect(requireTwilioAuthToken(parseEnv({ NODE_ENV, TWILIO_AUTH_TOKEN: "" }))).toBeUndefined();
      expect(requireTwilioAuthToken(parseEnv({ NODE_ENV, TWILIO_AUTH_TOKEN: "set" }))).toBe("set");
    }
  });

  it("is made once into a private file that every later reader shares", async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), "twilio-token-")), ".data", "twilio-auth-token");
    const first = await ensureLocalTwilioAuthToken(file);
    const second = await ensureLocalTwilioAuthToken(file);
    expect(first.created).toBe(true);
    expect(second).toEqual({ token: first.token, created: false });
    expect(first.token.length).toBeGreaterThanOrEqual(32);
    expect(readFileSync(file, "utf8").trim()).toBe(first.token);
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });
});
