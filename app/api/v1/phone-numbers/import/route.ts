// POST /api/v1/phone-numbers/import — add a number the Twilio account already holds, repointing its webhooks (admins)
import { readJson } from "@/lib/http/read-json";
import { route } from "@/lib/http/route";
import { importPhoneNumber } from "@/lib/phone-numbers/provisioning";
import { phoneNumberProvisionSchema } from "@/lib/phone-numbers/schemas";
import { toPhoneNumberJson } from "@/lib/phone-numbers/serialize";
import { withTenant } from "@/lib/tenant/api-guard";

export const runtime = "nodejs";

const importNumber = withTenant(
  async (req, { session }) => {
    const input = await readJson(req, phoneNumberProvisionSchema);
    return Response.json({ data: toPhoneNumberJson(await importPhoneNumber(session, input)) }, { status: 201 });
  },
  { role: "ADMIN" },
);

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = route({ POST: importNumber });
