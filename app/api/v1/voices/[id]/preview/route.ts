// POST /api/v1/voices/:id/preview — speak `text` (or a sample line) in that voice: audio/wav, 8 kHz 16-bit mono
import { z } from "zod";
import { readJson } from "@/lib/http/read-json";
import { route } from "@/lib/http/route";
import { withTenant } from "@/lib/tenant/api-guard";
import { previewRequestSchema, synthesizePreview } from "@/lib/voices/preview";

export const runtime = "nodejs";

// Voice ids are the provider's (not our cuid rows): any id that is not offered is VOICE_NOT_FOUND.
const voiceParams = z.object({ id: z.string().min(1).max(200) });
type VoiceParams = z.infer<typeof voiceParams>;

const preview = withTenant<VoiceParams>(async (req, { session, params }) => {
  const body = await readJson(req, previewRequestSchema);
  const wav = await synthesizePreview(session, params.id, body, req.signal);
  return new Response(new Uint8Array(wav), {
    headers: { "Content-Type": "audio/wav", "Content-Length": String(wav.length), "Cache-Control": "no-store" },
  });
});

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = route({ POST: preview }, { params: voiceParams });
