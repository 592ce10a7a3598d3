// The account's ElevenLabs voices through the SDK (GET /v1/voices), mapped to our Voice and cached:
// the agent editor lists them on every open and each call resolves its agent's voice id against them,
// so one request per TTL serves both. A failed refresh keeps serving the last list it had.
import { ElevenLabsClient } from "@elevenlabs/elevenlabs-js";
import type { Voice } from "../speech/types";

export const ELEVENLABS_PROVIDER = "elevenlabs";
const VOICE_CACHE_MS = 10 * 60_000;

// ElevenLabs labels English voices by accent; our picker groups by locale.
const ACCENT_REGION: Record<string, string> = { american: "US", british: "GB", australian: "AU", irish: "IE", indian: "IN", canadian: "CA" };

interface AccountVoice {
  voiceId: string;
  name?: string;
  labels?: Record<string, string>;
  verifiedLanguages?: { language: string; locale?: string }[];
  fineTuning?: { language?: string };
}

export function toVoice(v: AccountVoice): Voice {
  const labels = v.labels ?? {};
  const verified = v.verifiedLanguages ?? [];
  const locale = verified.find((l) => l.locale)?.locale;
  const base = verified[0]?.language ?? labels.language ?? v.fineTuning?.language ?? "en";
  const region = ACCENT_REGION[(labels.accent ?? "").toLowerCase()];
  const gender = labels.gender?.toLowerCase();
  return {
    id: v.voiceId,
    name: v.name ?? v.voiceId,
    language: locale ?? (region ? `${base}-${region}` : base),
    gender: gender === "female" || gender === "male" ? gender : gender ? "neutral" : undefined,
    provider: ELEVENLABS_PROVIDER,
  };
}

export class ElevenLabsVoices {
  private cached?: { voices: Voice[]; at: number };
  private loading?: Promise<Voice[]>;

  constructor(
    private readonly client: ElevenLabsClient,
    private readonly ttlMs = VOICE_CACHE_MS,
    private readonly now: () => number = Date.now,
  ) {}

  list(): Promise<Voice[]> {
    if (this.cached && this.now() - this.cached.at < this.ttlMs) return Promise.resolve(this.cached.voices);
    this.loading ??= this.fetch().finally(() => (this.loading = undefined));
    return this.loading;
  }

  /**
   * For the call path: the list as cached, even past its TTL (refreshed in the background then), so a
   * sentence never waits for the voices API once the list was had. Rejects only with nothing cached.
   */
  current(): Promise<Voice[]> {
    if (!this.cached) return this.list();
    if (this.now() - this.cached.at >= this.ttlMs) this.list().catch(() => undefined);
    return Promise.resolve(this.cached.voices);
  }

  private async fetch(): Promise<Voice[]> {
    try {
      const res = await this.client.voices.getAll({ showLegacy: false });
      const voices = res.voices.map(toVoice);
      this.cached = { voices, at: this.now() };
      return voices;
    } catch (error) {
      if (this.cached) return this.cached.voices;
      throw error;
    }
  }
}
