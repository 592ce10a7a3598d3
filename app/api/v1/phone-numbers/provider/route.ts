// GET /api/v1/phone-numbers/provider — how numbers are added here: "twilio" (buy/import) or "local" (simulated)
import { getEnv } from "@/lib/env";
import { route } from "@/lib/http/route";
import { selectProviders } from "@/lib/providers/selection";
import { withTenant } from "@/lib/tenant/api-guard";

export const runtime = "nodejs";

const read = withTenant(async () => Response.json({ data: { telephony: selectProviders(getEnv()).telephony } }));

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = route({ GET: read });
