// npm run call — a Twilio-faithful phone call against the running platform (see USAGE in args.ts):
//   npm run call -- --to +15550100001 --say "What time do you open on Saturday?"
// Needs the app (the voice webhook) and the voice server up, e.g. `npm run dev`. --text needs neither:
// it drives the engine in process against the same database. Exit status: 0 done, else SIM_ERROR_EXIT.
import { loadDotenvFiles } from "../launcher/dotenv";
import { getEnv } from "../../lib/env";
import { EspeakTts } from "../../lib/providers/speech/local/espeak-tts";
import { parseSimArgs, USAGE } from "./args";
import { prepareScript } from "./caller-audio";
import { SIM_ERROR_EXIT, SimError } from "./errors";
import { formatCallResult } from "./report";
import { runCall } from "./run-call";
import { runTextCall } from "./text-call";
import { formatTranscript, readPlatformTranscript } from "./transcript";
import { resolveAuthToken } from "./twilio-http";

async function main(): Promise<number> {
  // --json output is for machines: the platform's own log lines (stdout) would corrupt it.
  if (process.argv.includes("--json")) process.env.LOG_LEVEL ??= "silent";
  loadDotenvFiles(process.cwd(), "development");
  const opts = parseSimArgs(process.argv.slice(2), { appUrl: getEnv().APP_URL });
  if (opts === "help") {
    console.log(USAGE);
    return 0;
  }
  if (opts.text) {
    const result = await runTextCall(opts);
    console.log(opts.json ? JSON.stringify(result, null, 2) : result.printed);
    return 0;
  }
  const tts = opts.script.some((s) => s.kind === "say") ? new EspeakTts() : undefined;
  let steps;
  try {
    steps = await prepareScript(opts.script, { tts, voiceId: opts.voice });
  } finally {
    await tts?.close();
  }
  const result = await runCall(opts, { authToken: await resolveAuthToken(), steps });
  // The platform's side of the same call, from its database (unreachable → the client's view only).
  const transcript = result.callId ? await readPlatformTranscript(result.callId).catch(() => null) : null;
  if (opts.json) console.log(JSON.stringify({ ...result, transcript }, null, 2));
  else console.log(`${formatCallResult(result)}${transcript ? `\n${formatTranscript(transcript)}` : ""}`);
  return result.outcome === "timed_out" ? SIM_ERROR_EXIT.TIMEOUT : 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    const json = process.argv.includes("--json");
    if (err instanceof SimError) {
      if (json) console.log(JSON.stringify({ error: { code: err.code, message: err.message } }));
      else console.error(`${err.code}: ${err.message}${err.code === "BAD_ARGS" ? `\n\n${USAGE}` : ""}`);
      process.exit(err.exitCode);
    }
    console.error(err);
    process.exit(1);
  },
);
