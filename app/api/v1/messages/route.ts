// GET /api/v1/messages — the messages the agents took, newest first, a page at a time (?limit, ?cursor, filters)
import { messageListQuerySchema } from "@/lib/messages/schemas";
import { toMessageJson } from "@/lib/messages/serialize";
import { listMessages } from "@/lib/messages/service";
import { readQuery } from "@/lib/http/read-query";
import { route } from "@/lib/http/route";
import { withTenant } from "@/lib/tenant/api-guard";

export const runtime = "nodejs";

const list = withTenant(async (req, { session }) => {
  const page = await listMessages(session, readQuery(req, messageListQuerySchema));
  return Response.json({ data: page.messages.map(toMessageJson), next_cursor: page.nextCursor });
});

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = route({ GET: list });
