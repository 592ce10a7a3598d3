// `npm run call` arguments → a validated call plan. The order of --say / --wav / --dtmf is the
// caller's script, so the raw tokens are read in order (node:util parseArgs with `tokens`), and
// --barge-in-after-ms applies to the next spoken step after it. Every mistake is a SimError BAD_ARGS
// whose message names the option.
import { parseArgs } from "node:util";
import { E164_PATTERN } from "../../lib/phone-numbers/e164";
import { SimError } from "./errors";

export type ScriptStep =
  | { kind: "say"; text: string; bargeInAfterMs?: number }
  | { kind: "wav"; file: string; bargeInAfterMs?: number }
  | { kind: "dtmf"; digit: string };

export interface SimOptions {
  to: string;
  from: string;
  script: ScriptStep[];
  text: boolean;
  json: boolean;
  /** The app's public origin: the webhook is POSTed (and signed) here. */
  appUrl: string;
  /** Replaces the origin of the stream URL the TwiML names (e.g. the app advertises a tunnel). */
  voiceUrl?: string;
  out?: string;
  timeoutSec: number;
  /** Quiet after the agent's last audio was heard before the caller speaks, ms. */
  gapMs: number;
  /** The voice the caller's --say lines are synthesised in. */
  voice: string;
  /** Status callbacks to /api/twilio/status (off when no app is in front, e.g. the benchmark). */
  statusCallbacks: boolean;
}

export const DEFAULT_FROM = "+15550009999";

export const USAGE = `npm run call -- --to <E.164> [steps] [options]

Steps (run in the order given; each waits until the agent finished speaking):
  --say "<text>"            speak this (synthesised with the local TTS)
  --wav <file>              play this WAV file (any rate, mono or stereo: left channel)
  --dtmf <key>              press a key (0-9, *, #, A-D)
  --barge-in-after-ms <n>   the next --say/--wav starts n ms after the agent starts talking

Options:
  --from <E.164>            caller id (default ${DEFAULT_FROM})
  --text                    no audio: drive the engine in process through the text transport
  --json                    machine-readable result on stdout
  --app-url <url>           where the voice webhook is posted (default APP_URL)
  --voice-url <url>         connect the stream here instead of the TwiML's host (default: as answered)
  --out <file.wav>          stereo recording, caller left, agent right (default .data/sim/<callSid>.wav)
  --timeout-sec <n>         give up after this long (default 120)
  --gap-ms <n>              pause after the agent stops before the caller speaks (default 700)
  --voice <id>              local TTS voice for the caller (default local-en-us-2)
  --no-status               do not send status callbacks`;

const DIGIT = /^[0-9*#A-D]$/;

function bad(message: string): never {
  throw new SimError("BAD_ARGS", message);
}

function nonNegativeInt(name: string, raw: string, max: number): number {
  if (!/^\d+$/.test(raw.trim()) || Number(raw) > max) bad(`--${name} must be a whole number from 0 to ${max}, got "${raw}"`);
  return Number(raw);
}

function url(name: string, raw: string, protocols: string[]): string {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return bad(`--${name} must be a URL, got "${raw}"`);
  }
  if (!protocols.includes(u.protocol)) bad(`--${name} must be a ${protocols.join(" or ")} URL, got "${raw}"`);
  return raw.replace(/\/+$/, "");
}

function phone(name: string, raw: string): string {
  const n = raw.trim().replace(/[\s\-().]/g, "");
  if (!E164_PATTERN.test(n)) bad(`--${name} must be an E.164 number like +15550100001, got "${raw}"`);
  return n;
}

/** Parses argv (without node and the script). `defaults` carries APP_URL from the environment. */
export function parseSimArgs(argv: string[], defaults: { appUrl: string }): SimOptions | "help" {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      tokens: true,
      strict: true,
      allowPositionals: false,
      options: {
        to: { type: "string" },
        from: { type: "string" },
        say: { type: "string", multiple: true },
        wav: { type: "string", multiple: true },
        dtmf: { type: "string", multiple: true },
        "barge-in-after-ms": { type: "string", multiple: true },
        text: { type: "boolean" },
        json: { type: "boolean" },
        "app-url": { type: "string" },
        "voice-url": { type: "string" },
        out: { type: "string" },
        "timeout-sec": { type: "string" },
        "gap-ms": { type: "string" },
        voice: { type: "string" },
        "no-status": { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
    });
  } catch (err) {
    // parseArgs' own messages already name the option ("Unknown option '--sya'").
    return bad(err instanceof Error ? err.message : String(err));
  }
  const v = parsed.values;
  if (v.help) return "help";
  if (!v.to) bad("--to is required: the agent's number, e.g. --to +15550100001");

  const script: ScriptStep[] = [];
  let pendingBargeIn: number | undefined;
  for (const t of parsed.tokens) {
    if (t.kind !== "option" || t.value === undefined) continue;
    if (t.name === "barge-in-after-ms") {
      if (pendingBargeIn !== undefined) bad("--barge-in-after-ms given twice before one --say/--wav");
      pendingBargeIn = nonNegativeInt("barge-in-after-ms", t.value, 600_000);
    } else if (t.name === "say") {
      if (!t.value.trim()) bad("--say needs words");
      script.push({ kind: "say", text: t.value.trim(), ...(pendingBargeIn !== undefined && { bargeInAfterMs: pendingBargeIn }) });
      pendingBargeIn = undefined;
    } else if (t.name === "wav") {
      if (!t.value.trim()) bad("--wav needs a file");
      script.push({ kind: "wav", file: t.value, ...(pendingBargeIn !== undefined && { bargeInAfterMs: pendingBargeIn }) });
      pendingBargeIn = undefined;
    } else if (t.name === "dtmf") {
      const keys = t.value.trim().toUpperCase();
      if (!DIGIT.test(keys)) bad(`--dtmf takes one key (0-9, *, #, A-D), got "${t.value}"`);
      script.push({ kind: "dtmf", digit: keys });
    }
  }
  if (pendingBargeIn !== undefined) bad("--barge-in-after-ms must come before the --say or --wav it applies to");

  const text = v.text ?? false;
  if (text) {
    if (script.some((s) => s.kind === "wav")) bad("--wav needs audio: it cannot be used with --text");
    if (script.some((s) => s.kind !== "dtmf" && s.bargeInAfterMs !== undefined)) bad("--barge-in-after-ms needs audio: it cannot be used with --text");
    if (v.out) bad("--out records audio: it cannot be used with --text");
  }

  return {
    to: phone("to", v.to),
    from: phone("from", v.from ?? DEFAULT_FROM),
    script,
    text,
    json: v.json ?? false,
    appUrl: url("app-url", v["app-url"] ?? defaults.appUrl, ["http:", "https:"]),
    ...(v["voice-url"] !== undefined && { voiceUrl: url("voice-url", v["voice-url"], ["ws:", "wss:"]) }),
    ...(v.out !== undefined && { out: v.out }),
    timeoutSec: v["timeout-sec"] === undefined ? 120 : Math.max(1, nonNegativeInt("timeout-sec", v["timeout-sec"], 86_400)),
    gapMs: v["gap-ms"] === undefined ? 700 : nonNegativeInt("gap-ms", v["gap-ms"], 60_000),
    voice: v.voice?.trim() || "local-en-us-2",
    statusCallbacks: !(v["no-status"] ?? false),
  };
}
