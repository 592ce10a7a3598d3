// GET /api/v1/voices — the voices of the configured text-to-speech (the agent editor's picker)
import { withTenant } from "@/lib/tenant/api-guard";
import { route } from "@/lib/http/route";
import { listVoices } from "@/lib/voices/catalog";

export const runtime = "nodejs";

const list = withTenant(async () => Response.json({ data: await listVoices() }));

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = route({ GET: list });
