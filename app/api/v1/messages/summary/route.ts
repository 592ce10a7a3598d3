// GET /api/v1/messages/summary — { unhandled: n } for the navigation badge
import { countUnhandledMessages } from "@/lib/messages/service";
import { route } from "@/lib/http/route";
import { withTenant } from "@/lib/tenant/api-guard";

export const runtime = "nodejs";

const summary = withTenant(async (_req, { session }) => {
  return Response.json({ data: { unhandled: await countUnhandledMessages(session) } });
});

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = route({ GET: summary });
