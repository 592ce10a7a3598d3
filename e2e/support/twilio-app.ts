// The app with Twilio keys, for e2e/phone-numbers-twilio.spec.ts. Why not set the keys on the e2e
// server: the telephony provider is chosen per process from the environment (lib/providers/selection.ts),
// not per workspace, and with keys set the other specs' premises no longer hold (typed 555-01xx
// simulation numbers are refused, a number that was not bought or imported never routes a call, hang-up
// and transfer go to Twilio's REST API). So a spec that wants Twilio gets, once per Playwright worker:
//   - the local Twilio REST server (lib/test/fakes/twilio-rest.ts) in the test process itself, so the
//     spec sets what the account offers and holds and reads every request Twilio received, directly;
//   - a second app process from the same production build (server/app/main.ts, the launcher's own app
//     entry) on a free port, with TWILIO_ACCOUNT_SID and TWILIO_API_BASE_URL pointing at that server.
//     It shares the e2e server's database, auth secret and webhook token, so an account made on either
//     app signs in on both (cookies belong to the host, not the port). The numbers pages need no voice
//     server or worker of their own; the e2e server's serve the shared database.
// Specs that do not use the fixture pay nothing: no extra process starts for them.
import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import { startFakeTwilioRest, type FakeTwilioRest } from "@/lib/test/fakes/twilio-rest";
import { ROOT, serverEnv } from "./env";

export interface TwilioApp {
  /** The app's origin, e.g. http://localhost:41234 (its APP_URL: the webhooks bought numbers point at). */
  url: string;
  fake: FakeTwilioRest;
}

const READY_TIMEOUT_MS = 90_000;

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Resolves when /api/health answers 200; rejects with the process's output if it exits or never does. */
async function waitUntilReady(child: ChildProcess, url: string, output: () => string): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the Twilio app exited (code ${child.exitCode}) before it was ready:\n${output()}`);
    const ok = await fetch(`${url}/api/health`).then(
      (res) => res.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`the Twilio app did not answer ${url}/api/health within ${READY_TIMEOUT_MS / 1000} s:\n${output()}`);
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
  await exited;
  clearTimeout(timer);
}

/** Starts the fake and the app, hands them to `use`, and stops both afterwards. */
export async function withTwilioApp(use: (app: TwilioApp) => Promise<void>): Promise<void> {
  const base = serverEnv();
  // The account's token is also the webhook signing key: the same one the e2e server signs with.
  const fake = await startFakeTwilioRest({ authToken: base.TWILIO_AUTH_TOKEN });
  const port = await freePort();
  const url = `http://localhost:${port}`;
  const lines: string[] = [];
  const child = spawn(process.execPath, ["--import", "tsx", "server/app/main.ts"], {
    cwd: ROOT,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      ...base,
      PORT: String(port),
      APP_URL: url,
      // What the launcher gives its app process besides lib/env.ts's variables (server/launcher/run.ts).
      NEXTAUTH_URL: url,
      NEXTAUTH_SECRET: base.AUTH_SECRET,
      TWILIO_ACCOUNT_SID: fake.accountSid,
      TWILIO_API_BASE_URL: fake.url,
    },
  });
  for (const stream of [child.stdout, child.stderr]) {
    stream?.setEncoding("utf8").on("data", (text: string) => {
      lines.push(text);
      process.stderr.write(text.replace(/^(?=.)/gm, "[twilio-app] "));
    });
  }
  try {
    await waitUntilReady(child, url, () => lines.join("").slice(-4000));
    await use({ url, fake });
  } finally {
    await stop(child);
    await fake.close();
  }
}
