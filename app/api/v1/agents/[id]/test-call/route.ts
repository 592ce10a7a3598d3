// POST /api/v1/agents/:id/test-call — open a test call (voice or chat) with an agent from the browser
import { startTestCall, testCallInput } from "@/lib/calls/test-call";
import { idParams, type IdParams } from "@/lib/http/params";
import { readJson } from "@/lib/http/read-json";
import { route } from "@/lib/http/route";
import { issueBrowserToken } from "@/lib/realtime/browser-token";
import { withTenantSession } from "@/lib/tenant/api-guard";

export const runtime = "nodejs";

// Sessions only: the browser token names the person testing.
const start = withTenantSession<IdParams>(async (req, { session, params }) => {
  const input = await readJson(req, testCallInput);
  const ticket = await startTestCall(session, params.id, input);
  // Minted from this session for this agent: the voice server opens the call only for that tenant and agent.
  const token = issueBrowserToken({ purpose: "test-call", tenantId: session.tenantId, userId: session.user.id, role: session.role, agentId: ticket.agentId });
  return Response.json({ data: { callId: ticket.callId, token, url: ticket.url } }, { status: 201 });
});

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = route({ POST: start }, { params: idParams });
