// The voice server process: GET /health, the Twilio media streams (/twilio/media-stream), the
// dashboard's live calls socket (/live), the browser test call and chat (/browser/call, /browser/chat)
// and the internal live-events socket, on VOICE_PORT. Calls run here: each stream gets an engine session
// wired to the speech providers, the responder, persistence, live events and the recording.
import { hostname } from "node:os";
import { platformDb } from "../../lib/tenant/platform-db";
import { getEnv, requireAuthSecret } from "../../lib/env";
import { checkDatabase, checkRedis } from "../../lib/health/checks";
import { healthDetailAllowed } from "../../lib/health/report";
import { getLogger } from "../../lib/logger";
import { createEventBus, internalEventsToken, publishCallEvent } from "../../lib/providers/events";
import { getResponderProvider } from "../../lib/providers/responder";
import { closeSpeechProviders, getSpeechProviders, prepareSpeechProviders, speechCircuits } from "../../lib/providers/speech";
import { getStorage } from "../../lib/providers/storage";
import { healthRoute } from "../shared/http";
import { exitOnFatal, failedToStart, onShutdown } from "../shared/shutdown";
import { createCallRuntime, type CallRuntime } from "./call-runtime";
import { createEventsRoute } from "./events-route";
import { createLiveRoute } from "./live-route";
import { isCallOfTenant } from "../../lib/calls/live/live-view";
import { allowedOrigins } from "../../lib/http/csrf";
import { createVoiceHttpServer, type VoiceHttpServer } from "./http-server";
import { createPacer, pacingFigures } from "./pacer";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { createUpgradeRoutes } from "./upgrade-routes";
import { createTwilioCallControl } from "../../lib/providers/twilio/calls";
import { twilioRestConfig } from "../../lib/providers/twilio/rest-client";
import { createPhoneCallControl } from "../../lib/telephony/call-control";

async function main(): Promise<void> {
  const env = getEnv();
  const log = getLogger("voice");
  exitOnFatal(log);
  const secret = requireAuthSecret(env); // fail at start, not at the first call that needs it
  // Unscoped: a call finds its tenant from its row, then works through
  // scopedDb(systemScope(tenantId, { reason: "voice-call" }), db).
  const db = platformDb("process");
  const bus = await createEventBus({ logger: log.child({ part: "events" }) });
  // Registered before the models load: a stop during start-up (a dev restart) then waits for the VAD
  // thread to finish loading before ending it (ending it mid-load aborts the whole process).
  const started: { current?: { runtime: CallRuntime; voice: VoiceHttpServer } } = {};
  onShutdown(log, async () => {
    await started.current?.runtime.stop();
    await started.current?.voice.close();
    await bus.close();
    await closeSpeechProviders();
    await db.$disconnect();
  });
  // Speech, responder and storage are chosen by env and fail here, at start, when misconfigured.
  const speech = getSpeechProviders();
  await prepareSpeechProviders(); // models loaded before the first caller, not during their greeting
  const pacer = createPacer({ logger: log.child({ part: "pacer" }) });
  // How long callbacks waited for the event loop (what delays every call's pacing tick), since start.
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  const loopDelay = () => ({ p50Ms: +(loop.percentile(50) / 1e6).toFixed(1), p99Ms: +(loop.percentile(99) / 1e6).toFixed(1), maxMs: +(loop.max / 1e6).toFixed(1) });
  const runtime = createCallRuntime({
    db,
    logger: log,
    speech,
    responders: getResponderProvider(),
    storage: getStorage(),
    publish: (e) => publishCallEvent(bus, e),
    control: bus,
    // Stable across restarts of this instance, so its start-up can close what a crash left open.
    serverId: env.VOICE_SERVER_ID ?? `${hostname()}:${env.VOICE_PORT}`,
  });

  // With Twilio keys, hang-up and transfer also go through Twilio's REST API; without, the stream close only.
  const twilioRest = twilioRestConfig(env);
  const callControl = twilioRest ? createPhoneCallControl({ db, rest: createTwilioCallControl(twilioRest), logger: log.child({ part: "twilio" }) }) : undefined;

  const voice = createVoiceHttpServer({
    logger: log,
    routes: {
      // Twilio reaches this port from the internet: in production /health says status only.
      "GET /health": healthRoute(
        "voice",
        { database: () => checkDatabase({ db }), redis: () => checkRedis() },
        // The ElevenLabs breaker lives here, with the calls: its state shows next to the providers.
        { detail: healthDetailAllowed(env.NODE_ENV), circuits: speechCircuits, figures: () => ({ pacing: pacingFigures(pacer), eventLoop: loopDelay() }) },
      ),
    },
    upgradeRoutes: [
      ...createUpgradeRoutes({
        logger: log,
        pacer,
        openCall: (start, sink) => runtime.openCall(start, sink),
        // The engine has recorded the transfer (event + turn) and ended the call as TRANSFERRED by then;
        // callControl redirects it (without Twilio keys nothing can).
        onTransfer: (callSid, to) => log.info({ callSid, to, via: callControl ? "twilio" : "none" }, "transfer requested"),
        callControl,
        browser: { allowedOrigins: allowedOrigins(env), openCall: runtime.openCall, openTextCall: runtime.openTextCall },
      }),
      createEventsRoute({ bus, token: internalEventsToken(secret), logger: log.child({ part: "events" }), allowRemote: env.EVENTS_ALLOW_REMOTE }),
      // The dashboard's Live view (browser token + Origin checked before the upgrade).
      createLiveRoute({ bus, logger: log.child({ part: "live" }), allowedOrigins: allowedOrigins(env), isCallOfTenant: (tenantId, callId) => isCallOfTenant(db, tenantId, callId) }),
    ],
  });

  started.current = { runtime, voice };
  await runtime.start();
  const port = await voice.listen(env.VOICE_PORT);
  log.info({ port, publicUrl: env.VOICE_PUBLIC_URL, serverId: runtime.serverId }, "voice server listening");
}

main().catch((err: unknown) => failedToStart(getLogger("voice"), "voice server failed to start", err));
