// POST /api/v1/phone-numbers/buy — buy a number through Twilio, webhooks pointed at us, and add it (admins)
import { readJson } from "@/lib/http/read-json";
import { route } from "@/lib/http/route";
import { buyPhoneNumber } from "@/lib/phone-numbers/provisioning";
import { phoneNumberProvisionSchema } from "@/lib/phone-numbers/schemas";
import { toPhoneNumberJson } from "@/lib/phone-numbers/serialize";
import { withTenant } from "@/lib/tenant/api-guard";

export const runtime = "nodejs";

const buy = withTenant(
  async (req, { session }) => {
    const input = await readJson(req, phoneNumberProvisionSchema);
    return Response.json({ data: toPhoneNumberJson(await buyPhoneNumber(session, input)) }, { status: 201 });
  },
  { role: "ADMIN" },
);

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = route({ POST: buy });
