// A phone number as the REST API returns it (GET /api/v1/phone-numbers): the server's own type.
export type { PhoneNumberJson as PhoneNumber } from "@/lib/phone-numbers/serialize";
