import { describe, expect, it } from "vitest";
import { parseSimArgs, type SimOptions } from "./args";
import { SimError } from "./errors";

const defaults = { appUrl: "http://localhost:3000" };
const parse = (...argv: string[]) => parseSimArgs(argv, defaults) as SimOptions;

function badArgs(argv: string[]): string {
  try {
    parseSimArgs(argv, defaults);
  } catch (err) {
    expect(err).toBeInstanceOf(SimError);
    expect((err as SimError).code).toBe("BAD_ARGS");
    expect((err as SimError).exitCode).toBe(2);
    return (err as Error).message;
  }
  throw new Error(`expected ${argv.join(" ")} to be rejected`);
}

describe("parseSimArgs", () => {
  it("keeps --say, --wav and --dtmf in the order given, with barge-in bound to the next spoken step", () => {
    const o = parse("--to", "+1 (555) 010-0001", "--say", "Hello", "--dtmf", "0", "--barge-in-after-ms", "300", "--wav", "a.wav", "--say", "Bye");
    expect(o.to).toBe("+15550100001");
    expect(o.script).toEqual([
      { kind: "say", text: "Hello" },
      { kind: "dtmf", digit: "0" },
      { kind: "wav", file: "a.wav", bargeInAfterMs: 300 },
      { kind: "say", text: "Bye" },
    ]);
  });

  it("fills the defaults", () => {
    const o = parse("--to", "+15550100001");
    expect(o).toMatchObject({ from: "+15550009999", appUrl: "http://localhost:3000", timeoutSec: 120, gapMs: 700, text: false, json: false, statusCallbacks: true });
    expect(o.voiceUrl).toBeUndefined();
    expect(o.out).toBeUndefined();
  });

  it("takes the URLs and numbers it is given, trimmed of trailing slashes", () => {
    const o = parse("--to", "+15550100001", "--from", "+442071838750", "--app-url", "https://app.example.com/", "--voice-url", "wss://voice.example.com", "--json", "--no-status");
    expect(o).toMatchObject({ from: "+442071838750", appUrl: "https://app.example.com", voiceUrl: "wss://voice.example.com", json: true, statusCallbacks: false });
  });

  it("answers help", () => {
    expect(parseSimArgs(["--help"], defaults)).toBe("help");
  });

  it("rejects bad input with messages that name the option", () => {
    expect(badArgs([])).toMatch(/--to is required/);
    expect(badArgs(["--to", "5550100001"])).toMatch(/--to must be an E\.164/);
    expect(badArgs(["--to", "+15550100001", "--from", "me"])).toMatch(/--from must be an E\.164/);
    expect(badArgs(["--to", "+15550100001", "--sya", "hi"])).toMatch(/--sya/);
    expect(badArgs(["--to", "+15550100001", "--dtmf", "12"])).toMatch(/--dtmf takes one key/);
    expect(badArgs(["--to", "+15550100001", "--say", "  "])).toMatch(/--say needs words/);
    expect(badArgs(["--to", "+15550100001", "--barge-in-after-ms", "1.5", "--say", "x"])).toMatch(/--barge-in-after-ms must be a whole number/);
    expect(badArgs(["--to", "+15550100001", "--say", "x", "--barge-in-after-ms", "200"])).toMatch(/must come before the --say or --wav/);
    expect(badArgs(["--to", "+15550100001", "--timeout-sec", "soon"])).toMatch(/--timeout-sec/);
    expect(badArgs(["--to", "+15550100001", "--app-url", "ws://x"])).toMatch(/--app-url must be a http: or https: URL/);
    expect(badArgs(["--to", "+15550100001", "--voice-url", "http://x"])).toMatch(/--voice-url must be a ws: or wss: URL/);
    expect(badArgs(["--to", "+15550100001", "stray"])).toMatch(/stray|positional/i);
  });

  it("refuses audio-only options with --text", () => {
    expect(badArgs(["--to", "+15550100001", "--text", "--wav", "a.wav"])).toMatch(/--wav needs audio/);
    expect(badArgs(["--to", "+15550100001", "--text", "--barge-in-after-ms", "100", "--say", "x"])).toMatch(/--barge-in-after-ms needs audio/);
    expect(badArgs(["--to", "+15550100001", "--text", "--out", "x.wav"])).toMatch(/--out records audio/);
    expect(parse("--to", "+15550100001", "--text", "--say", "hi", "--dtmf", "0").text).toBe(true);
  });
});
