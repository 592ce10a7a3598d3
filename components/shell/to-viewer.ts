import type { Viewer } from "./viewer";

/** Only what the browser needs from the page context (no ids). */
export function toViewer(ctx: Viewer): Viewer {
  return {
    userName: ctx.userName,
    userEmail: ctx.userEmail,
    isSuperAdmin: ctx.isSuperAdmin,
    tenantName: ctx.tenantName,
    tenantPlan: ctx.tenantPlan,
    role: ctx.role,
  };
}
