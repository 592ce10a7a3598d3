// Acting on a live call through Twilio's REST API (Calls/{Sid}.json): complete it, or replace its
// TwiML (a transfer: a short line, then <Dial>). Plain strings in, plain errors out (TwilioRestError).
import { sayAndDialTwiml } from "./twiml";
import { createTwilioSdk, twilioCall, type TwilioRestConfig } from "./rest-client";

export interface TwilioCallControl {
  /** Ends the call (Status=completed). */
  complete(callSid: string): Promise<void>;
  /** Says `line`, then dials `to`: the media stream stops and the caller is handed over. `action`: the <Dial> action URL. */
  transfer(callSid: string, to: string, opts?: { line?: string; language?: string; action?: string }): Promise<void>;
}

export function createTwilioCallControl(config: TwilioRestConfig): TwilioCallControl {
  const sdk = createTwilioSdk(config);
  return {
    async complete(callSid) {
      await twilioCall("complete call", () => sdk.calls(callSid).update({ status: "completed" }));
    },
    async transfer(callSid, to, opts = {}) {
      const twiml = sayAndDialTwiml(opts.line ?? "Connecting you now.", to, { language: opts.language, action: opts.action });
      await twilioCall("transfer call", () => sdk.calls(callSid).update({ twiml }));
    },
  };
}
