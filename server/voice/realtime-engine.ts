// Which engine an audio call runs on: an agent set to REALTIME gets OpenAI's speech-to-speech model
// when an OpenAI key is configured and the model's socket opens; otherwise the call runs on the
// cascade (the caller is never refused over it), with a log line and, when the socket failed, a
// provider.fault event on the call.
import type { Logger } from "pino";
import type { AgentProfile } from "../../lib/providers/responder/types";
import { openRealtimeLine, type RealtimeLine, type S2sEndpoint } from "../../lib/providers/openai/realtime-s2s";

export interface EngineChoice {
  line: RealtimeLine | null;
  /** The Realtime socket could not be opened: the fault to record once the call's records exist. */
  fault?: { provider: "openai"; capability: "s2s"; error: string; action: "cascade" };
}

export async function chooseEngine(profile: AgentProfile, endpoint: S2sEndpoint | null, log: Logger): Promise<EngineChoice> {
  if (profile.conversationEngine !== "REALTIME") return { line: null };
  if (!endpoint) {
    log.warn({ agentId: profile.agentId }, "agent is set to OpenAI Realtime but OPENAI_API_KEY is not set: the call runs on the cascade");
    return { line: null };
  }
  try {
    return { line: await openRealtimeLine({ ...endpoint, voice: profile.realtimeVoice ?? "marin" }) };
  } catch (err) {
    const error = err instanceof Error ? err.message : String(err);
    log.warn({ err, agentId: profile.agentId }, "OpenAI Realtime socket could not be opened: the call runs on the cascade");
    return { line: null, fault: { provider: "openai", capability: "s2s", error, action: "cascade" } };
  }
}
