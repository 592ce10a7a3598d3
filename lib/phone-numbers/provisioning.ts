// Numbers the business really owns, with Twilio connected: search what the account can buy, buy one
// (its voice and status webhooks pointed at us), import one the account already holds, release one.
// Twilio is called outside any database transaction (a slow answer must not hold the tenant's lock);
// if storing our row fails after a purchase, the number is released again so nothing is left billed.
import { getEnv } from "../env";
import { AppError, notFound } from "../errors";
import { getLogger } from "../logger";
import { createTwilioNumbers, type AvailableNumber, type NumberWebhooks, type TwilioNumbers } from "../providers/twilio/numbers";
import { TwilioRestError, twilioRestConfig } from "../providers/twilio/rest-client";
import type { TenantScope } from "../tenant/scope";
import { scopedDb } from "../tenant/scoped-db";
import { parsePhoneNumberInput } from "./parse-phone";
import type { AvailableNumbersQuery, PhoneNumberProvisionInput } from "./schemas";
import type { PhoneNumberWithAgent } from "./serialize";
import { assertNumberQuota, deletePhoneNumber, getPhoneNumberOrThrow, insertPhoneNumber } from "./service";

/**
 * An import refused: said the same whether the account does not hold the number or another workspace
 * does (nothing tells them apart), and pointing at the likelier cause, a number typed that is not in
 * the connected account.
 */
export const NUMBER_NOT_IMPORTABLE = "This number is not in the connected Twilio account, or is not available to this workspace";

/** A purchase refused because the number went meanwhile (bought at Twilio or by another workspace). */
export const NUMBER_NO_LONGER_FOR_SALE = "This number is no longer available to buy. Search again and pick another";

export interface TwilioNumbersDeps {
  numbers: TwilioNumbers;
  hooks: NumberWebhooks;
}

/** The account's numbers API and our webhook URLs, or null without Twilio keys. Tests pass their own. */
export function twilioNumbersFromEnv(env = getEnv()): TwilioNumbersDeps | null {
  const config = twilioRestConfig(env);
  if (!config) return null;
  const origin = new URL(env.APP_URL).origin;
  return { numbers: createTwilioNumbers(config), hooks: { voiceUrl: `${origin}/api/twilio/voice`, statusCallback: `${origin}/api/twilio/status` } };
}

function required(deps: TwilioNumbersDeps | null): TwilioNumbersDeps {
  if (!deps) throw new AppError("CONFLICT", "Twilio is not connected: numbers here are simulated");
  return deps;
}

/** Twilio could not be reached or refused for its own reasons: a 503-ish answer, not our 500. */
function unavailable(err: unknown, what: string): never {
  getLogger("telephony").warn({ err: err instanceof Error ? err.message : String(err) }, `Twilio ${what} failed`);
  throw new AppError("BUSY", `Twilio could not ${what} right now. Try again in a moment.`, { cause: err, retryAfterSec: 5 });
}

async function countryOf(scope: TenantScope): Promise<string> {
  const tenant = await scopedDb(scope).tenant.findFirst({ select: { country: true } });
  if (!tenant) throw notFound("Workspace");
  return tenant.country;
}

export async function searchAvailableNumbers(scope: TenantScope, q: AvailableNumbersQuery, deps = twilioNumbersFromEnv()): Promise<AvailableNumber[]> {
  const { numbers } = required(deps);
  const country = q.country ?? (await countryOf(scope));
  try {
    return await numbers.search({ country, areaCode: q.areaCode, contains: q.contains, limit: 20 });
  } catch (err) {
    // Twilio answers 404 (20404) for a country it has no local numbers in: that is simply none.
    if (err instanceof TwilioRestError && err.status === 404) return [];
    unavailable(err, "search numbers");
  }
}

async function e164Of(scope: TenantScope, raw: string): Promise<string> {
  const parsed = parsePhoneNumberInput(raw, await countryOf(scope));
  if (!parsed.ok) throw new AppError("VALIDATION_FAILED", parsed.message, { field: "e164" });
  return parsed.e164;
}

export async function buyPhoneNumber(scope: TenantScope, input: PhoneNumberProvisionInput, deps = twilioNumbersFromEnv()): Promise<PhoneNumberWithAgent> {
  const { numbers, hooks } = required(deps);
  const e164 = await e164Of(scope, input.e164);
  await assertNumberQuota(scope);
  let bought;
  try {
    bought = await numbers.buy(e164, hooks);
  } catch (err) {
    // 4xx: Twilio will not sell this one (taken meanwhile, not offered). Not 401/403 (our credentials)
    // or 429 (its rate limit): those say nothing about the number.
    if (err instanceof TwilioRestError && err.status !== null && err.status < 500 && ![401, 403, 429].includes(err.status)) {
      throw new AppError("PHONE_NUMBER_TAKEN", NUMBER_NO_LONGER_FOR_SALE, { field: "e164", cause: err });
    }
    unavailable(err, "buy the number");
  }
  try {
    return await insertPhoneNumber(scope, { ...input, e164: bought.e164, provider: "TWILIO", providerSid: bought.sid }, NUMBER_NO_LONGER_FOR_SALE);
  } catch (err) {
    await numbers.release(bought.sid).catch((e: unknown) => getLogger("telephony").error({ err: e, sid: bought.sid }, "bought number could not be released after a failed save"));
    throw err;
  }
}

export async function importPhoneNumber(scope: TenantScope, input: PhoneNumberProvisionInput, deps = twilioNumbersFromEnv()): Promise<PhoneNumberWithAgent> {
  const { numbers, hooks } = required(deps);
  const e164 = await e164Of(scope, input.e164);
  await assertNumberQuota(scope);
  const found = await numbers.find(e164).catch((err: unknown) => unavailable(err, "look the number up"));
  if (!found) throw new AppError("PHONE_NUMBER_TAKEN", NUMBER_NOT_IMPORTABLE, { field: "e164" });
  // Claim the row first (unique platform-wide), then point Twilio at us; undo the claim if that fails.
  const number = await insertPhoneNumber(scope, { ...input, e164: found.e164, provider: "TWILIO", providerSid: found.sid }, NUMBER_NOT_IMPORTABLE);
  try {
    await numbers.pointAt(found.sid, hooks);
  } catch (err) {
    await deletePhoneNumber(scope, number.id);
    unavailable(err, "update the number's webhooks");
  }
  return number;
}

/** Releases a bought or imported number at Twilio, then removes our row; a simulated one is just removed. */
export async function releasePhoneNumber(scope: TenantScope, id: string, deps = twilioNumbersFromEnv()): Promise<void> {
  const number = await getPhoneNumberOrThrow(scope, id); // 404 for another tenant's id
  if (number.provider === "TWILIO" && number.providerSid && deps) {
    try {
      await deps.numbers.release(number.providerSid);
    } catch (err) {
      // Already gone from the account: our row is all that is left to remove.
      if (!(err instanceof TwilioRestError && err.status === 404)) unavailable(err, "release the number");
    }
  }
  await deletePhoneNumber(scope, id);
}
