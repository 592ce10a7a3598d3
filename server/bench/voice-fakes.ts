// `npm run bench:voice -- --config remote` without vendor settings: the vendors' local wire-format
// servers (lib/test/fakes) stand in for OpenAI (chat completions + realtime transcription, behind one
// base URL) and ElevenLabs (multi-context stream-input), each answering after the given delay — real
// timers inside the fake servers, so the voice server's providers wait exactly as they would on a
// vendor. They run in the benchmark's own process, off the voice server's CPU figures.
import { FAKE_ELEVENLABS_KEY, FakeElevenLabs } from "../../lib/test/fakes/elevenlabs";
import { startFakeOpenAi } from "../../lib/test/fakes/openai-http";
import { startOpenAiGateway } from "../../lib/test/fakes/openai-gateway";
import { FakeOpenAiRealtime } from "../../lib/test/fakes/openai-realtime";

export interface ProviderDelays {
  /** Realtime transcription: commit → first transcript event. */
  sttMs: number;
  /** Chat completions: request → response headers and the first token. */
  llmMs: number;
  /** ElevenLabs: flushed text → first audio message. */
  ttsMs: number;
}

export interface VendorFakes {
  /** The voice server's environment: the three vendor providers pointed at the fakes. */
  env: Record<string, string>;
  close(): Promise<void>;
}

/** What the fake recogniser "hears" (the callers' words do not change the latency being measured). */
const HEARD = "What time do you open on Saturday?";
/**
 * Two deltas of a sentence each: the first is speakable as it arrives, so --llm-ms is the model's time
 * to its first speakable clause. (Word-by-word deltas would add the model streaming the rest of that
 * clause, which the split counts as platform time: it overstates the platform, never the providers.)
 */
const ANSWER = ["We open at nine in the morning on Saturdays. ", "Is there anything else I can help you with?"];

export async function startVendorFakes(delays: ProviderDelays): Promise<VendorFakes> {
  const chat = await startFakeOpenAi();
  chat.defaultStep = { text: ANSWER, stallMs: delays.llmMs, usage: { prompt_tokens: 600, completion_tokens: 20 } };
  const realtime = await FakeOpenAiRealtime.start();
  realtime.transcriptDelayMs = delays.sttMs;
  realtime.keepAudio = false;
  realtime.transcribe = () => HEARD;
  // The fake keeps every request for tests to inspect: a long benchmark must not.
  const trim = setInterval(() => {
    chat.requests.length = 0;
    realtime.connections.length = 0;
  }, 5000);
  trim.unref();
  const gateway = await startOpenAiGateway(chat.url, realtime.baseURL);
  const eleven = await FakeElevenLabs.start();
  eleven.knobs.firstAudioDelayMs = delays.ttsMs;
  const keepSocketsShort = setInterval(() => {
    for (const s of eleven.sockets) s.received.length = 0;
  }, 5000);
  keepSocketsShort.unref();
  return {
    env: {
      STT_PROVIDER: "openai",
      LLM_PROVIDER: "openai",
      TTS_PROVIDER: "elevenlabs",
      OPENAI_API_KEY: realtime.apiKey,
      OPENAI_BASE_URL: gateway.url,
      ELEVENLABS_API_KEY: FAKE_ELEVENLABS_KEY,
      ELEVENLABS_BASE_URL: eleven.baseUrl,
    },
    async close() {
      clearInterval(trim);
      clearInterval(keepSocketsShort);
      await Promise.allSettled([gateway.close(), chat.close(), realtime.close(), eleven.close()]);
    },
  };
}
