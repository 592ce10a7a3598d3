// POST /api/twilio/dial-status — a transfer's <Dial> action: verify the signature, cost the transferred leg, hang up.
import { route } from "@/lib/http/route";
import { readTwilioWebhook, twimlResponse } from "@/lib/providers/twilio/webhook";
import { emptyTwiml, hangUpTwiml } from "@/lib/providers/twilio/twiml";
import { applyDialStatus } from "@/lib/telephony/dial-status";

export const runtime = "nodejs";

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = route({
  POST: async (req) => {
    const outcome = await applyDialStatus(await readTwilioWebhook(req));
    // Twilio carries on with the answer: the bridged leg is over, so is the call. A call we do not know gets nothing to do.
    return twimlResponse(outcome.kind === "unknown_call" ? emptyTwiml() : hangUpTwiml());
  },
});
