// The guard for dashboard pages (server components): the same session resolution as the API guard,
// with redirects instead of error bodies. The admin section has its own guard that needs no tenant:
// a super admin without any membership signs in to /admin, and the dashboard sends them there.
import "server-only";
import { cache } from "react";
import { cookies, headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { readSessionClaims } from "../auth/session-token";
import { getDb } from "../db/client";
import { isAppError } from "../errors";
import { resolvePlatformSession, resolveUserSession } from "./resolve-session";
import { REQUEST_PATH_HEADER } from "../http/request-path";
import { signInRedirectPath } from "./sign-in-redirect";
import type { Plan, Role } from "../db/generated/enums";

export type PageContext = {
  userId: string;
  userName: string;
  userEmail: string;
  isSuperAdmin: boolean;
  tenantId: string;
  tenantName: string;
  tenantPlan: Plan;
  /** ISO 3166-1 alpha-2: the country national phone numbers are read in. */
  tenantCountry: string;
  /** The workspace's limits (its row's: super admins can override the plan's). */
  maxAgents: number;
  maxPhoneNumbers: number;
  role: Role;
};

/** A super admin in the admin section: no tenant needed. */
export type PlatformPageContext = { userId: string; userName: string; userEmail: string; isSuperAdmin: true };

type Lookup =
  | { ctx: PageContext }
  // platformOnly: signed in as a super admin whose session names no workspace (they belong to none).
  | { ctx: null; reason: "UNAUTHENTICATED" | "TENANT_SUSPENDED"; platformOnly: boolean };

async function sessionClaims() {
  const jar = await cookies();
  const header = jar.getAll().map((c) => `${c.name}=${encodeURIComponent(c.value)}`).join("; ");
  return readSessionClaims(header);
}

// cache(): the layout and the page of one request share one session lookup.
const lookupPageContext = cache(async (): Promise<Lookup> => {
  try {
    const claims = await sessionClaims();
    const s = await resolveUserSession(getDb(), claims);
    if (!s.membership) return { ctx: null, reason: "UNAUTHENTICATED", platformOnly: s.user.isSuperAdmin };
    const ctx: PageContext = {
      userId: s.user.id,
      userName: s.user.name,
      userEmail: s.user.email,
      isSuperAdmin: s.user.isSuperAdmin,
      tenantId: s.membership.tenant.id,
      tenantName: s.membership.tenant.name,
      tenantPlan: s.membership.tenant.plan,
      tenantCountry: s.membership.tenant.country,
      maxAgents: s.membership.tenant.maxAgents,
      maxPhoneNumbers: s.membership.tenant.maxPhoneNumbers,
      role: s.membership.role,
    };
    return { ctx };
  } catch (err) {
    if (isAppError(err, "UNAUTHENTICATED")) return { ctx: null, reason: "UNAUTHENTICATED", platformOnly: false };
    if (isAppError(err, "TENANT_SUSPENDED")) return { ctx: null, reason: "TENANT_SUSPENDED", platformOnly: false };
    throw err;
  }
});

const lookupPlatformContext = cache(async (): Promise<PlatformPageContext | "UNAUTHENTICATED" | "NOT_FOUND"> => {
  try {
    const s = await resolvePlatformSession(getDb(), await sessionClaims());
    return { userId: s.user.id, userName: s.user.name, userEmail: s.user.email, isSuperAdmin: true };
  } catch (err) {
    if (isAppError(err, "UNAUTHENTICATED")) return "UNAUTHENTICATED";
    if (isAppError(err, "NOT_FOUND")) return "NOT_FOUND";
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
  if (lookup.platformOnly) redirect("/admin");
  // Back to this page after signing in (proxy.ts tells server components their path).
  redirect(signInRedirectPath(lookup.reason, (await headers()).get(REQUEST_PATH_HEADER)));
}

/**
 * Where a signed-in visitor belongs (sign-in and the landing page send them on), or null. A super
 * admin lands on /admin even when they also belong to a workspace (its dashboard is one click away).
 */
export async function getSignedInHome(): Promise<"/overview" | "/admin" | null> {
  const lookup = await lookupPageContext();
  if (lookup.ctx) return lookup.ctx.isSuperAdmin ? "/admin" : "/overview";
  return lookup.platformOnly ? "/admin" : null;
}

/** A super admin, with or without a workspace; others get a 404, signed-out visitors go to sign-in. */
export async function requireSuperAdminPageContext(): Promise<PlatformPageContext> {
  const result = await lookupPlatformContext();
  if (result === "NOT_FOUND") notFound();
  if (result === "UNAUTHENTICATED") redirect(signInRedirectPath("UNAUTHENTICATED", (await headers()).get(REQUEST_PATH_HEADER)));
  return result;
}
