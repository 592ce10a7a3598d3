// A phone number as the REST API returns it (GET /api/v1/phone-numbers): the server's own type.
export type { PhoneNumberJson as PhoneNumber } from "@/lib/phone-numbers/serialize";
export type { AvailableNumber } from "@/lib/providers/twilio/numbers";
/** How numbers are added here: bought/imported through Twilio, or typed (simulated). */
export type Telephony = "twilio" | "local";
