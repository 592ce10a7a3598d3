// GET /api/v1/phone-numbers — list the tenant's numbers; POST — add a simulated one (admins, without Twilio)
import { getEnv } from "@/lib/env";
import { readJson } from "@/lib/http/read-json";
import { selectProviders } from "@/lib/providers/selection";
import { phoneNumberCreateSchema } from "@/lib/phone-numbers/schemas";
import { toPhoneNumberJson } from "@/lib/phone-numbers/serialize";
import { createPhoneNumber, listPhoneNumbers } from "@/lib/phone-numbers/service";
import { withTenant } from "@/lib/tenant/api-guard";
import { route } from "@/lib/http/route";

export const runtime = "nodejs";

const list = withTenant(async (_req, { session }) => {
  const numbers = await listPhoneNumbers(session);
  return Response.json({ data: numbers.map(toPhoneNumberJson) });
});

const create = withTenant(
  async (req, { session }) => {
    const input = await readJson(req, phoneNumberCreateSchema);
    return Response.json({ data: toPhoneNumberJson(await createPhoneNumber(session, input, { twilio: selectProviders(getEnv()).telephony === "twilio" })) }, { status: 201 });
  },
  { role: "ADMIN" },
);

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = route({ GET: list, POST: create });
