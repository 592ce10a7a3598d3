// POST /api/twilio/voice, past the signature check: read Twilio's parameters, decide, and answer with
// TwiML. A connected call gets a media stream to the voice server, carrying (as <Parameter>s, since
// Twilio drops query strings from stream URLs) only the call id, a short-lived token bound to the
// CallSid, and the mode; the voice server loads everything else from the Call row.
import { z } from "zod";
import { issueCallToken } from "../calls/call-token";
import { getEnv } from "../env";
import { normalizePhoneInput } from "../phone-numbers/e164";
import { selectProviders } from "../providers/selection";
import { callSidSchema } from "../providers/twilio/call-sid";
import { connectStreamTwiml, sayAndDialTwiml, sayAndHangUpTwiml } from "../providers/twilio/twiml";
import { dialActionUrl } from "./dial-status";
import { receiveInboundCall } from "./inbound-call";
import { refusalMessage, TRANSFER_ANNOUNCEMENT } from "./refusals";

export const MEDIA_STREAM_PATH = "/twilio/media-stream";

// From may be "anonymous" or a client identity, so it is only bounded.
const voiceParams = z.object({
  CallSid: callSidSchema,
  From: z.string().max(128).default(""),
  To: z.string().max(128),
});

export function mediaStreamUrl(voicePublicUrl: string = getEnv().VOICE_PUBLIC_URL): string {
  return `${voicePublicUrl.replace(/\/+$/, "")}${MEDIA_STREAM_PATH}`;
}

/** The TwiML answer to a verified voice webhook. */
export async function answerVoiceWebhook(params: Record<string, string>, opts: { now?: Date; provisionedOnly?: boolean } = {}): Promise<string> {
  const p = voiceParams.parse(params);
  const to = normalizePhoneInput(p.To);
  const from = p.From.replace(/[\u0000-\u001f\u007f]/g, "");
  // A To that is not E.164 (a SIP or client address) matches no number: refused as unknown, and audited.
  const provisionedOnly = opts.provisionedOnly ?? selectProviders(getEnv()).telephony === "twilio";
  const outcome = await receiveInboundCall({ callSid: p.CallSid, from, to, now: opts.now, provisionedOnly });

  switch (outcome.kind) {
    case "unknown_number":
      return sayAndHangUpTwiml(refusalMessage("UNKNOWN_NUMBER"));
    case "refused":
      return sayAndHangUpTwiml(refusalMessage(outcome.reason, outcome.agent), { language: outcome.agent?.language });
    case "connected": {
      if (outcome.mode === "after_hours_transfer" && outcome.agent.transferPhoneNumber) {
        return sayAndDialTwiml(TRANSFER_ANNOUNCEMENT, outcome.agent.transferPhoneNumber, { language: outcome.agent.language, action: dialActionUrl() });
      }
      const parameters: Record<string, string> = {
        callId: outcome.callId,
        callToken: issueCallToken({ callId: outcome.callId, callSid: p.CallSid, now: opts.now }),
      };
      if (outcome.mode) parameters.mode = outcome.mode;
      return connectStreamTwiml({ streamUrl: mediaStreamUrl(), parameters });
    }
  }
}
