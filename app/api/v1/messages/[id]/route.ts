// GET /api/v1/messages/:id — one message (a NEW one becomes READ); PATCH — change its status (any member)
import { idParams, type IdParams } from "@/lib/http/params";
import { readJson } from "@/lib/http/read-json";
import { route } from "@/lib/http/route";
import { messageUpdateSchema } from "@/lib/messages/schemas";
import { toMessageJson } from "@/lib/messages/serialize";
import { getMessageOrThrow, openMessageOrThrow, updateMessageStatus } from "@/lib/messages/service";
import { withTenant } from "@/lib/tenant/api-guard";

export const runtime = "nodejs";

const read = withTenant<IdParams>(async (req, { session, params }) => {
  // HEAD follows GET in route(); only a real read opens the message.
  const open = req.method === "HEAD" ? getMessageOrThrow : openMessageOrThrow;
  return Response.json({ data: toMessageJson(await open(session, params.id)) });
});

const update = withTenant<IdParams>(async (req, { session, params }) => {
  const input = await readJson(req, messageUpdateSchema);
  return Response.json({ data: toMessageJson(await updateMessageStatus(session, params.id, input)) });
});

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = route({ GET: read, PATCH: update }, { params: idParams });
