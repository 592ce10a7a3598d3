// The account's phone numbers through Twilio's REST API: search what can be bought
// (AvailablePhoneNumbers/{Country}/Local.json), buy, find, repoint and release IncomingPhoneNumbers.
// Returns plain objects: no SDK type leaves lib/providers/twilio/.
import { createTwilioSdk, twilioCall, type TwilioRestConfig } from "./rest-client";

export interface AvailableNumber {
  e164: string;
  friendlyName: string;
  locality: string | null;
  region: string | null;
  country: string;
  voice: boolean;
}

export interface OwnedNumber {
  sid: string;
  e164: string;
  friendlyName: string;
}

/** Where Twilio sends the number's calls and their status changes (both POST). */
export interface NumberWebhooks {
  voiceUrl: string;
  statusCallback: string;
}

export interface TwilioNumbers {
  search(q: { country: string; areaCode?: number; contains?: string; limit: number }): Promise<AvailableNumber[]>;
  buy(e164: string, hooks: NumberWebhooks): Promise<OwnedNumber>;
  /** The account's number with exactly this E.164, or null. */
  find(e164: string): Promise<OwnedNumber | null>;
  pointAt(sid: string, hooks: NumberWebhooks): Promise<OwnedNumber>;
  release(sid: string): Promise<void>;
}

const hookParams = (h: NumberWebhooks) => ({
  voiceUrl: h.voiceUrl,
  voiceMethod: "POST",
  statusCallback: h.statusCallback,
  statusCallbackMethod: "POST",
});

const owned = (n: { sid: string; phoneNumber: string; friendlyName: string }): OwnedNumber => ({
  sid: n.sid,
  e164: n.phoneNumber,
  friendlyName: n.friendlyName,
});

export function createTwilioNumbers(config: TwilioRestConfig): TwilioNumbers {
  const sdk = createTwilioSdk(config);
  return {
    async search({ country, areaCode, contains, limit }) {
      const found = await twilioCall("search numbers", () =>
        sdk.availablePhoneNumbers(country).local.list({ areaCode, contains, voiceEnabled: true, limit }),
      );
      return found.map((n) => ({
        e164: n.phoneNumber,
        friendlyName: n.friendlyName,
        locality: n.locality || null,
        region: n.region || null,
        country: n.isoCountry,
        voice: n.capabilities?.voice !== false,
      }));
    },
    async buy(e164, hooks) {
      return owned(await twilioCall("buy number", () => sdk.incomingPhoneNumbers.create({ phoneNumber: e164, ...hookParams(hooks) })));
    },
    async find(e164) {
      const list = await twilioCall("find number", () => sdk.incomingPhoneNumbers.list({ phoneNumber: e164, limit: 20 }));
      // The filter matches partial numbers too: only the exact one counts.
      const exact = list.find((n) => n.phoneNumber === e164);
      return exact ? owned(exact) : null;
    },
    async pointAt(sid, hooks) {
      return owned(await twilioCall("update number", () => sdk.incomingPhoneNumbers(sid).update(hookParams(hooks))));
    },
    async release(sid) {
      await twilioCall("release number", () => sdk.incomingPhoneNumbers(sid).remove());
    },
  };
}
