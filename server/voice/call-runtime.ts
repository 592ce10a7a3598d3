// Builds a live call when a media stream has proven it belongs to one (the transport verified the
// call token): finds the call and its tenant, loads the agent, opens the per-call speech streams,
// and wires the engine to persistence, live events, tool side effects and the recording. Also keeps
// the set of calls this process holds, for the heartbeat that lets the reaper tell a lost server.
import { performance } from "node:perf_hooks";
import type { Logger } from "pino";
import type { Db } from "../../lib/db/client";
import { createCallSession } from "../../lib/conversation/session";
import { createTextConversation, type TextConversation } from "../../lib/conversation/text-transport";
import type { CallObserver, CallSession, CallSink, ControllableCallSession, EndReason } from "../../lib/conversation/types";
import { loadAgentProfile } from "../../lib/calls/live/agent-profile";
import { createCallActions } from "../../lib/calls/live/call-actions";
import { createCallPersistence, type PublishLiveEvent } from "../../lib/calls/live/call-persistence";
import { createCallRecordWriter } from "../../lib/calls/live/call-record-writer";
import { beat, HEARTBEAT_EVERY_MS, reapLostCalls } from "../../lib/calls/live/reaper";
import { createEndControl } from "../../lib/calls/live/end-control";
import { callsWithEndRequest } from "../../lib/calls/live/end-request";
import type { EventBus } from "../../lib/providers/events/types";
import { tapRecording } from "../../lib/calls/live/recording-tap";
import { createCallRecorder } from "../../lib/calls/recording";
import type { ConversationMode, ResponderProvider } from "../../lib/providers/responder/types";
import type { ProviderFault, SttProvider, TtsProvider, VadProvider } from "../../lib/providers/speech/types";
import type { StorageProvider } from "../../lib/providers/storage/types";
import { systemDb } from "../../lib/tenant/system-scope";
import { isLiveCallStatus } from "../../lib/calls/status";
import { getEnv, type Env } from "../../lib/env";
import { usageSourcesFor } from "../../lib/billing/usage-sources";
import { createRealtimeSession, realtimeUsageSources, s2sEndpointFromEnv, type S2sEndpoint } from "../../lib/providers/openai/realtime-s2s";
import { createCallerPhraseCache } from "./caller-phrase-cache";
import { chooseEngine } from "./realtime-engine";

export interface CallRuntimeDeps {
  db: Db;
  logger: Logger;
  speech: { vad: VadProvider; stt: SttProvider; tts: TtsProvider };
  responders: ResponderProvider;
  storage: StorageProvider;
  publish?: PublishLiveEvent;
  /** Where an admin's "end this call" arrives at once (the heartbeat also finds it in the database). */
  control?: Pick<EventBus, "subscribe">;
  /** Names this process in Call.voiceServerId; stable across restarts of the same instance. */
  serverId: string;
  /** OpenAI Realtime for REALTIME agents; undefined: from OPENAI_API_KEY / OPENAI_BASE_URL, null: never. */
  realtime?: S2sEndpoint | null;
  /** The environment `speech` and `responders` were built from: it says who produces a call's usage (default getEnv()). */
  env?: Env;
}

/** A Twilio stream, proven by a call token bound to the CallSid. */
export interface PhoneCallInput {
  callId: string;
  callSid: string;
  streamSid: string;
}

/** A browser test call or chat, proven by a test-call token: its tenant and agent must own the call. */
export interface BrowserCallInput {
  callId: string;
  browser: { tenantId: string; agentId: string };
}

export type OpenCallInput = PhoneCallInput | BrowserCallInput;

/** What a transport that shows the conversation (the browser) hears besides persistence. */
export type CallListener = Partial<Pick<CallObserver, "turn" | "event" | "ended">>;

type Transport = { sink: CallSink; listener?: CallListener } | { text: true; listener?: CallListener };

export class CallRefused extends Error {
  constructor(readonly code: "call_not_found" | "call_not_live" | "agent_missing") {
    super(code);
  }
}


export function createCallRuntime(deps: CallRuntimeDeps) {
  const { logger } = deps;
  const serverId = deps.serverId;
  // Calls this process holds; null while one is still opening (reserved, so a replayed start cannot open it twice).
  const live = new Map<string, CallSession | null>();
  // Ends still being written (recording upload, last rows): shutdown waits for them.
  const finishing = new Set<Promise<void>>();
  let heartbeat: NodeJS.Timeout | null = null;
  // An admin's "end this call", by the bus or (durably) the heartbeat: the session's endByOperator.
  const endControl = createEndControl({ bus: deps.control, requested: (ids) => callsWithEndRequest(deps.db, ids), logger });
  // Every call's turns, events and usage, written together: a few statements per 100 ms at any load.
  const records = createCallRecordWriter({ db: deps.db, logger });
  const callerPhrases = createCallerPhraseCache(deps.responders);

  async function open(input: OpenCallInput, transport: Transport): Promise<CallSession | TextConversation> {
    const found = await deps.db.call.findUnique({
      where: { id: input.callId },
      select: { id: true, tenantId: true, agentId: true, status: true, providerCallId: true, direction: true, metadata: true },
    });
    if (!found || !provenBy(found, input)) throw new CallRefused("call_not_found");
    if (!isLiveCallStatus(found.status) || live.has(found.id)) throw new CallRefused("call_not_live");
    if (!found.agentId) throw new CallRefused("agent_missing");
    live.set(found.id, null);
    try {
      return await connect(found as typeof found & { agentId: string }, input, transport);
    } catch (err) {
      live.delete(found.id);
      throw err;
    }
  }

  /** An audio call (Twilio stream or browser microphone) whose output goes to `transportSink`. */
  const openCall = async (input: OpenCallInput, transportSink: CallSink, listener?: CallListener): Promise<CallSession> =>
    (await open(input, { sink: transportSink, listener })) as CallSession;

  /** A browser chat: the same engine on the text transport, recorded like a call (no audio, no recording). */
  const openTextCall = async (input: BrowserCallInput, listener?: CallListener): Promise<TextConversation> =>
    (await open(input, { text: true, listener })) as TextConversation;

  async function connect(
    found: { id: string; tenantId: string; agentId: string; metadata: unknown },
    input: OpenCallInput,
    transport: Transport,
  ): Promise<CallSession | TextConversation> {
    const { db } = systemDb(found.tenantId, "voice-call", deps.db);
    const profile = await loadAgentProfile(db, found.agentId);
    if (!profile) throw new CallRefused("agent_missing");

    const startedAt = new Date();
    const t0 = performance.now();
    // Who produces this call's usage, kept with the call so its cost does not depend on later config.
    const s2sEndpoint = deps.realtime === undefined ? s2sEndpointFromEnv(getEnv()) : deps.realtime;
    const engine = "sink" in transport ? await chooseEngine(profile, s2sEndpoint, logger.child({ callId: found.id })) : { line: null };
    const env = deps.env ?? getEnv();
    const usageSources = engine.line ? realtimeUsageSources(usageSourcesFor(profile, env)) : usageSourcesFor(profile, env);
    await db.call.update({
      where: { id: found.id },
      data: {
        status: "IN_PROGRESS",
        // A phone call was answered by the webhook's TwiML; a browser call is answered when its socket opens.
        answeredAt: "streamSid" in input ? undefined : startedAt,
        voiceServerId: serverId,
        heartbeatAt: startedAt,
        metadata: { ...asObject(found.metadata), ...("streamSid" in input ? { streamSid: input.streamSid } : {}), usageSources },
      },
    });
    const log = logger.child({ callId: found.id, tenantId: found.tenantId });
    const { phrases, sentences } = callerPhrases.of(profile);
    const persistence = createCallPersistence({ db, tenantId: found.tenantId, callId: found.id, startedAt, publish: deps.publish, logger: log, usageSources, writer: records });
    const recorder = "sink" in transport ? createCallRecorder({ tenantId: found.tenantId, callId: found.id, storage: deps.storage }) : null;
    const mode: ConversationMode = asObject(found.metadata).mode === "after_hours_message" ? "after_hours_message" : "normal";

    let unwatch: (() => void) | undefined;
    const finish = async (reason: EndReason) => {
      live.delete(found.id);
      unwatch?.();
      try {
        const saved = await recorder?.finish();
        if (saved) await db.call.update({ where: { id: found.id }, data: { recordingKey: saved.key, recordingDurationSec: Math.round(saved.durationSec) } });
      } catch (err) {
        log.error({ err }, "recording could not be saved");
      }
      await persistence.flush();
      log.info({ reason }, "call ended");
    };

    const listener = transport.listener;
    const base = {
      callId: found.id,
      profile,
      mode,
      responder: deps.responders.create(profile),
      observer: {
        turn: (t) => {
          persistence.turn(t);
          listener?.turn?.(t);
        },
        event: (type, payload) => {
          persistence.event(type, payload);
          listener?.event?.(type, payload);
        },
        usage: (kind, q, model) => persistence.usage(kind, q, model),
        ended: (reason, atMs) => {
          persistence.ended(reason, atMs);
          const done = finish(reason).finally(() => finishing.delete(done));
          finishing.add(done);
          listener?.ended?.(reason, atMs);
        },
      } satisfies CallObserver,
      actions: createCallActions({ db, callId: found.id, profile }),
      // Normalised as the local recogniser writes them: hearing one of these is a finished thought.
      config: { endpoint: { expectedSentences: sentences } },
      now: () => performance.now() - t0,
      wallClock: () => new Date(),
    };
    if (!("sink" in transport) || !recorder) {
      const convo = createTextConversation(base);
      live.set(found.id, convo.session);
      const chat = convo.session as Partial<ControllableCallSession>;
      if (chat.endByOperator) unwatch = endControl.watch(found.id, found.tenantId, () => chat.endByOperator?.());
      persistence.event("call.started", { mode, agentId: profile.agentId, channel: "chat" });
      log.info({ mode }, "chat connected");
      return convo;
    }
    // A vendor recogniser's recovered faults (socket dropped and reopened, per-utterance fallback) are call events.
    const onFault = (fault: ProviderFault) => base.observer.event("provider.fault", { ...fault });
    const tap = tapRecording(recorder, transport.sink);
    let session: ControllableCallSession;
    if (engine.line) session = createRealtimeSession({ ...base, sink: tap.sink, tts: deps.speech.tts }, engine.line);
    else {
      const [stt, vad] = [await deps.speech.stt.createStream({ language: profile.language, phrases, onFault }), deps.speech.vad.createStream()];
      session = createCallSession({ ...base, sink: tap.sink, speech: { vad, stt, tts: deps.speech.tts } });
    }
    // The transport's view of the session: caller frames reach the recording first.
    const call: CallSession = {
      get state() {
        return session.state;
      },
      start: () => session.start(),
      audio(frame) {
        tap.caller(frame);
        session.audio(frame);
      },
      callerText: (text) => session.callerText(text),
      dtmf: (digit) => session.dtmf(digit),
      markPlayed: (id) => session.markPlayed(id),
      tick: () => session.tick(),
      callerHangup: () => session.callerHangup(),
      close: () => session.close(),
    };
    live.set(found.id, call);
    unwatch = endControl.watch(found.id, found.tenantId, () => session.endByOperator());
    persistence.event("call.started", { mode, agentId: profile.agentId, ...(engine.line ? { engine: "realtime" } : {}) });
    if (engine.fault) persistence.event("provider.fault", { ...engine.fault });
    log.info({ mode, engine: engine.line ? "realtime" : "cascade" }, "call connected");
    return call;
  }

  return {
    serverId,
    openCall,
    openTextCall,
    /** Closes the calls a previous run of this server left open, then beats for the live ones. */
    async start() {
      const closed = await reapLostCalls({ voiceServerId: serverId, db: deps.db });
      if (closed) logger.warn({ closed }, "closed calls a previous run of this voice server left open");
      heartbeat = setInterval(() => {
        beat([...live.keys()], { db: deps.db }).catch((err: unknown) => logger.warn({ err }, "call heartbeat failed"));
        void endControl.check(); // the durable half of an admin's end request
      }, HEARTBEAT_EVERY_MS);
      heartbeat.unref();
    },
    /** Shutdown: every live call ends and is recorded as such, its recording saved, before this resolves. */
    async stop() {
      if (heartbeat) clearInterval(heartbeat);
      for (const c of live.values()) c?.close();
      await Promise.allSettled([...finishing]);
      await records.flush();
    },
  };
}

export type CallRuntime = ReturnType<typeof createCallRuntime>;

/** A phone stream's token names its CallSid; a browser's names the tenant and agent, and a test call opens once (QUEUED until then). */
function provenBy(found: { tenantId: string; agentId: string | null; status: string; providerCallId: string; direction: string }, input: OpenCallInput): boolean {
  if ("callSid" in input) return found.providerCallId === input.callSid;
  return found.direction === "WEB" && found.status === "QUEUED" && found.tenantId === input.browser.tenantId && found.agentId === input.browser.agentId;
}

const asObject = (v: unknown): Record<string, unknown> => (v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {});

