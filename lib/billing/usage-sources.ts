// Which provider and model produce a call's usage, decided when the call connects and kept on
// Call.metadata.usageSources: usage records say only "LLM tokens" or "TTS characters", and the agent's
// model or the environment may change before the call is costed (a lost call is costed by the worker).
import { z } from "zod";
import type { Env } from "../env";
import { selectProviders } from "../providers/selection";
import type { UsageSources } from "./call-cost";

// The vendor providers' default models (lib/providers/openai, lib/providers/elevenlabs; a unit test
// keeps them equal), restated so the app's routes do not load vendor code to cost a call.
export const DEFAULT_OPENAI_STT_MODEL = "gpt-4o-mini-transcribe";
export const DEFAULT_ELEVENLABS_MODEL = "eleven_flash_v2_5";
export const DEFAULT_OPENAI_EMBEDDING_MODEL = "text-embedding-3-small";

type SourcesEnv = Parameters<typeof selectProviders>[0] & Partial<Pick<Env, "OPENAI_STT_MODEL" | "ELEVENLABS_MODEL">>;

/** `agent.ttsModel`: the agent's ElevenLabs model, null/absent = the process default (ELEVENLABS_MODEL). */
export function usageSourcesFor(agent: { llmModel: string; ttsModel?: string | null }, e: SourcesEnv): UsageSources {
  const selected = selectProviders(e);
  return {
    llm: { provider: selected.llm, model: selected.llm === "openai" ? agent.llmModel : "local" },
    stt: { provider: selected.stt, model: selected.stt === "openai" ? (e.OPENAI_STT_MODEL ?? DEFAULT_OPENAI_STT_MODEL) : "local" },
    tts: { provider: selected.tts, model: selected.tts === "elevenlabs" ? (agent.ttsModel || e.ELEVENLABS_MODEL || DEFAULT_ELEVENLABS_MODEL) : "local" },
    embeddings: { provider: selected.embeddings, model: selected.embeddings === "openai" ? DEFAULT_OPENAI_EMBEDDING_MODEL : "none" },
  };
}

const source = z.object({ provider: z.string().max(100), model: z.string().max(200).optional() });
const storedSources = z.object({ llm: source, stt: source, tts: source, embeddings: source }).partial();

/** The sources a call recorded at its start, or null when it has none (it never connected, or predates costing). */
export function readUsageSources(metadata: unknown): UsageSources | null {
  if (!metadata || typeof metadata !== "object" || !("usageSources" in metadata)) return null;
  const parsed = storedSources.safeParse((metadata as { usageSources: unknown }).usageSources);
  return parsed.success ? parsed.data : null;
}
