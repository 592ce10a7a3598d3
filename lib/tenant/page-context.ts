// The guard for dashboard pages (server components): the same session resolution as the API guard,
// with redirects instead of error bodies.
import "server-only";
import { cache } from "react";
import { cookies } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { readSessionClaims } from "../auth/session-token";
import { getDb } from "../db/client";
import { isAppError } from "../errors";
import { resolveSession } from "./resolve-session";
import type { Plan, Role } from "../db/generated/enums";

export type PageContext = {
  userId: string;
  userName: string;
  userEmail: string;
  isSuperAdmin: boolean;
  tenantId: string;
  tenantName: string;
  tenantPlan: Plan;
  role: Role;
};

// cache(): the layout and the page of one request share one session lookup.
export const getOptionalPageContext = cache(async (): Promise<PageContext | null> => {
  const jar = await cookies();
  const header = jar.getAll().map((c) => `${c.name}=${encodeURIComponent(c.value)}`).join("; ");
  try {
    const s = await resolveSession(getDb(), await readSessionClaims(header));
    return {
      userId: s.user.id,
      userName: s.user.name,
      userEmail: s.user.email,
      isSuperAdmin: s.user.isSuperAdmin,
      tenantId: s.tenantId,
      tenantName: s.tenant.name,
      tenantPlan: s.tenant.plan as Plan,
      role: s.role,
    };
  } catch (err) {
    if (isAppError(err, "UNAUTHENTICATED") || isAppError(err, "TENANT_SUSPENDED")) return null;
    throw err;
  }
});

export async function requirePageContext(): Promise<PageContext> {
  const ctx = await getOptionalPageContext();
  if (!ctx) redirect("/sign-in");
  return ctx;
}

export async function requireSuperAdminPageContext(): Promise<PageContext> {
  const ctx = await requirePageContext();
  if (!ctx.isSuperAdmin) notFound();
  return ctx;
}
