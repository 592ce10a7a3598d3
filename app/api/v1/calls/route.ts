// GET /api/v1/calls — the tenant's calls, newest first, a page at a time (?limit, ?cursor, filters)
import { listCalls } from "@/lib/calls/service";
import { callListQuerySchema } from "@/lib/calls/list-query";
import { toCallJson } from "@/lib/calls/serialize";
import { readQuery } from "@/lib/http/read-query";
import { withTenant } from "@/lib/tenant/api-guard";
import { route } from "@/lib/http/route";

export const runtime = "nodejs";

const list = withTenant(async (req, { session }) => {
  const page = await listCalls(session, readQuery(req, callListQuerySchema));
  return Response.json({ data: page.calls.map(toCallJson), next_cursor: page.nextCursor });
});

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = route({ GET: list });
