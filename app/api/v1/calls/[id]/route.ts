// GET /api/v1/calls/:id — one call with its turns, events, messages and usage
import { getCallOrThrow } from "@/lib/calls/service";
import { toCallDetailJson } from "@/lib/calls/serialize";
import { withTenant } from "@/lib/tenant/api-guard";
import { route } from "@/lib/http/route";
import { idParams, type IdParams } from "@/lib/http/params";

export const runtime = "nodejs";

const read = withTenant<IdParams>(async (_req, { session, params }) => {
  return Response.json({ data: toCallDetailJson(await getCallOrThrow(session, params.id)) });
});

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = route({ GET: read }, { params: idParams });
