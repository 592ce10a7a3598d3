// GET /api/v1/phone-numbers — list the tenant's numbers; POST — add one (admins)
import { readJson } from "@/lib/http/read-json";
import { phoneNumberCreateSchema } from "@/lib/phone-numbers/schemas";
import { toPhoneNumberJson } from "@/lib/phone-numbers/serialize";
import { createPhoneNumber, listPhoneNumbers } from "@/lib/phone-numbers/service";
import { withTenant } from "@/lib/tenant/api-guard";

export const runtime = "nodejs";

export const GET = withTenant(async (_req, { session }) => {
  const numbers = await listPhoneNumbers(session.tenantId);
  return Response.json({ data: numbers.map(toPhoneNumberJson) });
});

export const POST = withTenant(
  async (req, { session }) => {
    const input = await readJson(req, phoneNumberCreateSchema);
    return Response.json({ data: toPhoneNumberJson(await createPhoneNumber(session, input)) }, { status: 201 });
  },
  { role: "ADMIN" },
);
