// One simulated phone call, end to end, as Twilio places it: the signed voice webhook, its TwiML
// acted on (a refusal ends here), the in-progress status callback, the media stream with the caller's
// script played in real time, `stop` once the script is done and the agent has finished (or the
// server ending the call), the completed callback, and both sides saved as a stereo WAV.
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { encodeWav } from "../../lib/audio/wav";
import { SAMPLE_RATE } from "../../lib/providers/speech/types";
import type { SimOptions } from "./args";
import { SimError } from "./errors";
import { buildStereo } from "./recording";
import { runScript, type PreparedStep, type TurnReport } from "./script";
import { TwilioStreamClient, type StreamEvent } from "./stream-client";
import { newTwilioSid } from "../../lib/providers/twilio/call-sid";

import { Ticker } from "./ticker";
import { parseTwimlAnswer } from "./twiml";
import { postStatusCallback, postVoiceWebhook, SIM_ACCOUNT_SID, type CallIdentity } from "./twilio-http";

export interface CallResult {
  callSid: string;
  callId: string | null;
  outcome: "completed" | "hung_up_by_agent" | "dialed" | "timed_out";
  /** What Twilio would have said (a refusal or an announcement before a transfer). */
  said: string[];
  dialed?: string;
  streamUrl?: string;
  durationSec: number;
  turns: TurnReport[];
  skippedSteps: number;
  agent: { framesReceived: number; framesLate: number; badFrames: number; marksEchoed: number; clears: number; jitterP50Ms: number; jitterP99Ms: number };
  callerFramesSent: number;
  closed?: { code: number; reason: string };
  protocolErrors: string[];
  recording?: string;
  warnings: string[];
}

export interface RunCallDeps {
  authToken: string;
  /** The script with its audio made (caller-audio.ts). */
  steps: PreparedStep[];
  now?: () => number;
  /** Where recordings go when --out is not given. */
  recordingDir?: string;
}

/** The TwiML's stream URL, moved to --voice-url's origin when one was given (the path stays). */
export function streamUrlFor(twimlUrl: string, voiceUrl?: string): string {
  if (!voiceUrl) return twimlUrl;
  const u = new URL(twimlUrl);
  return `${voiceUrl.replace(/\/+$/, "")}${u.pathname}${u.search}`;
}

export async function runCall(opts: SimOptions, deps: RunCallDeps): Promise<CallResult> {
  const now = deps.now ?? (() => performance.now());
  const identity: CallIdentity = { appUrl: opts.appUrl, authToken: deps.authToken, callSid: newTwilioSid("CA"), accountSid: SIM_ACCOUNT_SID, from: opts.from, to: opts.to };
  const warnings: string[] = [];
  const status = async (s: "in-progress" | "completed", durationSec?: number) => {
    if (!opts.statusCallbacks) return;
    // A failed callback is Twilio's problem to retry, not a reason to drop the call: report it.
    await postStatusCallback(identity, s, durationSec).catch((err: unknown) => warnings.push((err as Error).message));
  };

  const answer = parseTwimlAnswer(await postVoiceWebhook(identity));
  const base = { callSid: identity.callSid, said: answer.say, turns: [], skippedSteps: deps.steps.length, callerFramesSent: 0, protocolErrors: [], warnings };
  const noAudio = { framesReceived: 0, framesLate: 0, badFrames: 0, marksEchoed: 0, clears: 0, jitterP50Ms: NaN, jitterP99Ms: NaN };
  if (answer.kind === "hangup") {
    throw new SimError("REFUSED", `the call was refused: ${answer.say.join(" ") || "(hung up without a word)"}`);
  }
  if (answer.kind === "dial") {
    return { ...base, callId: null, outcome: "dialed", dialed: answer.number, durationSec: 0, agent: noAudio };
  }

  const url = streamUrlFor(answer.url, opts.voiceUrl);
  const client = new TwilioStreamClient({ url, callSid: identity.callSid, accountSid: identity.accountSid, customParameters: answer.parameters, now });
  const ticker = new Ticker(now);
  await status("in-progress");
  await client.connect();
  const t0 = now();
  const unregister = ticker.add(client);
  let timedOut = false;
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<null>((resolve) => {
    timer = setTimeout(() => {
      timedOut = true;
      resolve(null);
    }, opts.timeoutSec * 1000);
  });
  let script;
  try {
    script = await Promise.race([runScript(client, deps.steps, t0, { gapMs: opts.gapMs, replyTimeoutMs: 15_000, graceMs: 1500, now }), deadline]);
  } finally {
    clearTimeout(timer);
    client.stop();
    // The server acknowledges `stop` by closing; a server that does not is cut off.
    await Promise.race([client.closed, new Promise((r) => setTimeout(r, 2000).unref())]);
    client.terminate();
    unregister();
    ticker.stop();
  }
  const durationSec = (now() - t0) / 1000;
  await status("completed", durationSec);

  const closed = await client.closed;
  const p = client.playout;
  let recording: string | undefined;
  const stereo = buildStereo(client.line.chunks, p.chunks, t0);
  if (stereo.length > 0) {
    recording = opts.out ?? path.join(deps.recordingDir ?? path.join(".data", "sim"), `${identity.callSid}.wav`);
    await mkdir(path.dirname(path.resolve(recording)), { recursive: true });
    await writeFile(recording, encodeWav(stereo, SAMPLE_RATE, 2));
  }
  return {
    ...base,
    callId: answer.parameters.callId ?? null,
    streamUrl: url,
    outcome: timedOut ? "timed_out" : script?.hungUpByAgent ? "hung_up_by_agent" : "completed",
    durationSec: Math.round(durationSec * 10) / 10,
    turns: script?.turns ?? [],
    skippedSteps: script?.skipped ?? deps.steps.length,
    agent: {
      framesReceived: p.framesReceived,
      framesLate: p.framesLate,
      badFrames: p.badFrames,
      marksEchoed: client.marksEchoed,
      clears: client.clears.length,
      jitterP50Ms: p.jitter.percentile(50),
      jitterP99Ms: p.jitter.percentile(99),
    },
    callerFramesSent: client.framesSent,
    closed,
    protocolErrors: client.events.filter((e: StreamEvent) => e.type === "protocol_error").map((e) => e.detail ?? ""),
    ...(recording && { recording }),
  };
}
