// POST /api/twilio/status — Twilio's call status callbacks: verify the signature, update the Call.
import { route } from "@/lib/http/route";
import { readTwilioWebhook, twimlResponse } from "@/lib/providers/twilio/webhook";
import { emptyTwiml } from "@/lib/providers/twilio/twiml";
import { applyStatusCallback } from "@/lib/telephony/status-callback";

export const runtime = "nodejs";

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = route({
  POST: async (req) => {
    await applyStatusCallback(await readTwilioWebhook(req));
    return twimlResponse(emptyTwiml());
  },
});
