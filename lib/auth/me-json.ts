// The JSON of GET /api/v1/me: the person, their active workspace with its limits set apart, and their
// role. A function of its own so the OpenAPI schema (lib/openapi/responses-account.ts) is checked against it.
import type { SessionContext } from "../tenant/resolve-session";

export function toMeJson(session: SessionContext) {
  const { maxAgents, maxPhoneNumbers, ...tenant } = session.tenant;
  return { user: session.user, tenant, limits: { maxAgents, maxPhoneNumbers }, role: session.role };
}
