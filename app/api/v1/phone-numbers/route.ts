// GET /api/v1/phone-numbers — the tenant's numbers, newest first, a page at a time (?limit, ?cursor); POST — add a simulated one (admins, without Twilio)
import { getEnv } from "@/lib/env";
import { pageQuerySchema } from "@/lib/http/page";
import { readJson } from "@/lib/http/read-json";
import { readQuery } from "@/lib/http/read-query";
import { selectProviders } from "@/lib/providers/selection";
import { phoneNumberCreateSchema } from "@/lib/phone-numbers/schemas";
import { toPhoneNumberJson } from "@/lib/phone-numbers/serialize";
import { createPhoneNumber, listPhoneNumbersPage } from "@/lib/phone-numbers/service";
import { withTenant } from "@/lib/tenant/api-guard";
import { route } from "@/lib/http/route";

export const runtime = "nodejs";

const list = withTenant(async (req, { session }) => {
  const page = await listPhoneNumbersPage(session, readQuery(req, pageQuerySchema));
  return Response.json({ data: page.rows.map(toPhoneNumberJson), next_cursor: page.nextCursor });
});

const create = withTenant(
  async (req, { session }) => {
    const input = await readJson(req, phoneNumberCreateSchema);
    return Response.json({ data: toPhoneNumberJson(await createPhoneNumber(session, input, { twilio: selectProviders(getEnv()).telephony === "twilio" })) }, { status: 201 });
  },
  { role: "ADMIN" },
);

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = route({ GET: list, POST: create });
