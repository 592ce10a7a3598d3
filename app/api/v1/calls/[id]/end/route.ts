// POST /api/v1/calls/:id/end — an admin ends a call in progress: the agent says goodbye and hangs up
import { requestCallEnd } from "@/lib/calls/live/end-request";
import { getLogger } from "@/lib/logger";
import { getSharedEventBus } from "@/lib/providers/events";
import { withTenant } from "@/lib/tenant/api-guard";
import { route } from "@/lib/http/route";
import { idParams, type IdParams } from "@/lib/http/params";

export const runtime = "nodejs";

const end = withTenant<IdParams>(
  async (_req, { session, params }) => {
    // No bus (voice server unreachable) is not a failure: the recorded request ends the call on its next heartbeat.
    const bus = await getSharedEventBus().catch((err: unknown) => {
      getLogger("live").warn({ err }, "live event bus unavailable: the end request waits for the heartbeat");
      return null;
    });
    await requestCallEnd(session, params.id, bus);
    return Response.json({ data: { id: params.id, endRequested: true } }, { status: 202 });
  },
  { role: "ADMIN" },
);

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = route({ POST: end }, { params: idParams });
