// Sign-up: one transaction creates the user, their tenant (free plan), the admin membership,
// the subscription row and the audit entry. Either all of it exists afterwards or none of it.
import { randomBytes } from "node:crypto";
import { z } from "zod";
import type { Db } from "../db/client";
import { isUniqueViolation } from "../db/unique-violation";
import { AppError } from "../errors";
import { text } from "../http/text";
import { monthStart, nextMonthStart, PLAN_QUOTAS } from "../billing/plans";
import { newPasswordField } from "../text/password-rules";
import { hashPassword } from "./password";
import { assertPasswordAcceptable } from "./password-strength";
import { enforceSignUpLimits } from "./rate-limit";

export const signUpSchema = z
  .object({
    name: text({ label: "Your name", min: 1, max: 100 }),
    email: text({ label: "Email", max: 254 }).toLowerCase().email("Enter a valid email address"),
    password: newPasswordField(),
    businessName: text({ label: "Business name", min: 1, max: 100 }),
  })
  .strict();

export type SignUpInput = z.infer<typeof signUpSchema>;

export function slugify(name: string): string {
  const base = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40);
  return `${base || "workspace"}-${randomBytes(3).toString("hex")}`;
}

/**
 * `request` is the HTTP caller (the sign-up route): its attempt counts against the sign-up rate limits.
 * Tests and tools call without it.
 */
export async function signUp(db: Db, input: SignUpInput, request?: { ip: string }) {
  if (request) await enforceSignUpLimits(db, request.ip);
  await assertPasswordAcceptable(input.password, { email: input.email, name: input.name, businessName: input.businessName });
  const passwordHash = await hashPassword(input.password);
  const now = new Date();
  try {
    return await db.$transaction(async (tx) => {
      const user = await tx.user.create({ data: { email: input.email, name: input.name, passwordHash } });
      const tenant = await tx.tenant.create({
        data: {
          name: input.businessName,
          slug: slugify(input.businessName),
          plan: "FREE",
          billingEmail: input.email,
          ...PLAN_QUOTAS.FREE,
          memberships: { create: { userId: user.id, role: "ADMIN" } },
          subscription: {
            create: { plan: "FREE", status: "ACTIVE", currentPeriodStart: monthStart(now), currentPeriodEnd: nextMonthStart(now) },
          },
        },
      });
      await tx.auditLog.create({
        data: { tenantId: tenant.id, actorUserId: user.id, action: "tenant.create", targetType: "tenant", targetId: tenant.id },
      });
      return {
        user: { id: user.id, email: user.email, name: user.name },
        tenant: { id: tenant.id, name: tenant.name, slug: tenant.slug, plan: tenant.plan },
      };
    });
  } catch (err) {
    if (isUniqueViolation(err, ["email"])) {
      throw new AppError("EMAIL_TAKEN", "An account with this email already exists", { field: "email" });
    }
    throw err;
  }
}
