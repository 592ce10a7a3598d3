// What the voice server does to a phone call through Twilio's REST API once the engine has decided:
// hand it to the transfer number (after the agent's "I'll connect you" was heard), or make sure it is
// over when we closed its stream. A Twilio error is a "provider.fault" CallEvent and a log line; the
// Call row, its turns and its end reason stay as the engine recorded them.
import type { Logger } from "pino";
import type { Prisma } from "../db/generated/client";
import type { Db } from "../db/client";
import type { TwilioCallControl } from "../providers/twilio/calls";
import { TwilioRestError } from "../providers/twilio/rest-client";
import { systemDb } from "../tenant/system-scope";
import { dialActionUrl } from "./dial-status";

export interface PhoneCallRef {
  callId: string;
  callSid: string;
}

export interface PhoneCallControl {
  /** Redirects the call to `to`. false: Twilio refused or could not be reached (the caller should be let go). */
  transfer(call: PhoneCallRef, to: string): Promise<boolean>;
  /** We closed the call's stream (hang-up, operator end, an error): complete the call if the close did not. */
  complete(call: PhoneCallRef, reason: string): Promise<void>;
}

// Said by Twilio between the agent's announcement and the ringing, in the agent's language.
const TRANSFER_LINE = "Connecting your call.";

/** Twilio's answers meaning the call is already over: completing it again is not a fault. */
function alreadyOver(err: unknown): boolean {
  return err instanceof TwilioRestError && (err.status === 404 || err.twilioCode === 21220);
}

export function createPhoneCallControl(deps: { db: Db; rest: TwilioCallControl; logger: Logger }): PhoneCallControl {
  const { db, rest, logger } = deps;

  async function fault(call: PhoneCallRef, err: unknown, action: string): Promise<void> {
    const error = err instanceof Error ? err.message : String(err);
    logger.warn({ callId: call.callId, callSid: call.callSid, err: error, action }, "Twilio REST request failed");
    try {
      const found = await db.call.findUnique({ where: { id: call.callId }, select: { tenantId: true } });
      if (!found) return;
      const payload: Prisma.InputJsonValue = { provider: "twilio", capability: "telephony", error, action };
      await systemDb(found.tenantId, "voice-call", db).db.callEvent.create({ data: { callId: call.callId, type: "provider.fault", payload } });
    } catch (e) {
      logger.error({ err: e, callId: call.callId }, "provider fault could not be recorded");
    }
  }

  return {
    async transfer(call, to) {
      try {
        const found = await db.call.findUnique({ where: { id: call.callId }, select: { agent: { select: { language: true } } } });
        // The <Dial> action reports the transferred leg's seconds when it ends: Twilio bills them apart.
        await rest.transfer(call.callSid, to, { line: TRANSFER_LINE, language: found?.agent?.language, action: dialActionUrl() });
        logger.info({ callId: call.callId, to }, "call transferred through Twilio");
        return true;
      } catch (err) {
        await fault(call, err, "hung_up");
        return false;
      }
    },
    async complete(call, reason) {
      try {
        await rest.complete(call.callSid);
      } catch (err) {
        if (alreadyOver(err)) return;
        await fault(call, err, `none (stream closed: ${reason})`);
      }
    },
  };
}
