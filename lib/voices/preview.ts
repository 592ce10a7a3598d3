// "Play greeting" in the agent editor: a short text spoken in one voice, returned as a WAV file the
// browser can play. Synthesis costs CPU on a shared worker (every live call's TTS queues behind it),
// so previews are counted per tenant in the database's fixed windows, like the sign-in limits.
import { z } from "zod";
import { TTS_MODELS } from "../agents/options";
import { collectPcm } from "../audio/pcm";
import { enforceRateLimit, type RateLimit } from "../auth/rate-limit";
import { encodeWav } from "../audio/wav";
import { text } from "../http/text";
import { SAMPLE_RATE } from "../providers/speech/types";
import { platformDb } from "../tenant/platform-db";
import type { TenantScope } from "../tenant/scope";
import { getTts, getVoiceOrThrow } from "./catalog";
import { PREVIEW_TEXT_MAX } from "./preview-text";

export const DEFAULT_PREVIEW_TEXT = "Hello, thanks for calling. This is how I will sound to your callers.";
export const PREVIEW_LIMIT = { name: "voice-preview:tenant", limit: 30, windowMs: 60_000 } as const satisfies RateLimit;

const MODEL_VALUES = TTS_MODELS.map((m) => m.value) as [(typeof TTS_MODELS)[number]["value"], ...(typeof TTS_MODELS)[number]["value"][]];

export const previewRequestSchema = z.strictObject({
  text: text({ label: "Text", min: 1, max: PREVIEW_TEXT_MAX, multiline: true }).optional(),
  // The agent's ElevenLabs model as chosen in the editor (saved or not), so the preview sounds like its
  // calls will; absent = the server's default. A local voice has one model and ignores it.
  model: z.enum(MODEL_VALUES, { error: `Use one of ${MODEL_VALUES.join(", ")}, or leave it out for the default` }).optional(),
});
export type PreviewRequest = z.infer<typeof previewRequestSchema>;

/** 16-bit mono WAV at telephone rate: exactly what a caller would hear, before μ-law. */
export async function synthesizePreview(scope: TenantScope, voiceId: string, req: PreviewRequest, signal?: AbortSignal): Promise<Buffer> {
  const voice = await getVoiceOrThrow(voiceId);
  await enforceRateLimit(platformDb("auth"), PREVIEW_LIMIT, scope.tenantId, "Too many voice previews; wait a minute and try again");
  const pcm = await collectPcm(getTts().synthesize({ text: req.text ?? DEFAULT_PREVIEW_TEXT, voiceId: voice.id, model: req.model, signal }));
  return encodeWav(pcm, SAMPLE_RATE, 1);
}
