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

type Lookup = { ctx: PageContext } | { ctx: null; reason: "UNAUTHENTICATED" | "TENANT_SUSPENDED" };

// cache(): the layout and the page of one request share one session lookup.
const lookupPageContext = cache(async (): Promise<Lookup> => {
  const jar = await cookies();
  const header = jar.getAll().map((c) => `${c.name}=${encodeURIComponent(c.value)}`).join("; ");
  try {
    const s = await resolveSession(getDb(), await readSessionClaims(header));
    const ctx: PageContext = {
      userId: s.user.id,
      userName: s.user.name,
      userEmail: s.user.email,
      isSuperAdmin: s.user.isSuperAdmin,
      tenantId: s.tenantId,
      tenantName: s.tenant.name,
      tenantPlan: s.tenant.plan as Plan,
      role: s.role,
    };
    return { ctx };
  } catch (err) {
    if (isAppError(err, "UNAUTHENTICATED")) return { ctx: null, reason: "UNAUTHENTICATED" };
    if (isAppError(err, "TENANT_SUSPENDED")) return { ctx: null, reason: "TENANT_SUSPENDED" };
    throw err;
  }
});

export async function getOptionalPageContext(): Promise<PageContext | null> {
  return (await lookupPageContext()).ctx;
}

/** The signed-in context; otherwise off to sign-in, saying why when the workspace is suspended. */
export async function requirePageContext(): Promise<PageContext> {
  const lookup = await lookupPageContext();
  if (lookup.ctx) return lookup.ctx;
  redirect(lookup.reason === "TENANT_SUSPENDED" ? "/sign-in?error=TENANT_SUSPENDED" : "/sign-in");
}

export async function requireSuperAdminPageContext(): Promise<PageContext> {
  const ctx = await requirePageContext();
  if (!ctx.isSuperAdmin) notFound();
  return ctx;
}
