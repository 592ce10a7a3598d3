// POST /api/twilio/voice — Twilio's incoming-call webhook: verify the signature, answer with TwiML.
import { route } from "@/lib/http/route";
import { readTwilioWebhook, twimlResponse } from "@/lib/providers/twilio/webhook";
import { answerVoiceWebhook } from "@/lib/telephony/voice-webhook";

export const runtime = "nodejs";

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = route({
  POST: async (req) => twimlResponse(await answerVoiceWebhook(await readTwilioWebhook(req))),
});
