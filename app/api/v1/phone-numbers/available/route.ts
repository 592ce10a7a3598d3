// GET /api/v1/phone-numbers/available — numbers the Twilio account can buy (?country, ?areaCode, ?contains; admins)
import { readQuery } from "@/lib/http/read-query";
import { route } from "@/lib/http/route";
import { searchAvailableNumbers } from "@/lib/phone-numbers/provisioning";
import { availableNumbersQuerySchema } from "@/lib/phone-numbers/schemas";
import { withTenant } from "@/lib/tenant/api-guard";

export const runtime = "nodejs";

const search = withTenant(
  async (req, { session }) => Response.json({ data: await searchAvailableNumbers(session, readQuery(req, availableNumbersQuerySchema)) }),
  { role: "ADMIN" },
);

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = route({ GET: search });
