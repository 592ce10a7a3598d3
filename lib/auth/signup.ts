// Sign-up: one transaction creates the user, their tenant (free plan), the admin membership,
// the subscription row and the audit entry. Either all of it exists afterwards or none of it.
import { randomBytes } from "node:crypto";
import { z } from "zod";
import type { Db } from "../db/client";
import { AppError } from "../errors";
import { monthStart, nextMonthStart, PLAN_QUOTAS } from "../billing/plans";
import { hashPassword } from "./password";

export const PASSWORD_MIN = 10;

export const signUpSchema = z
  .object({
    name: z.string().trim().min(1, "Your name is required").max(100),
    email: z.string().trim().toLowerCase().email("Enter a valid email address").max(254),
    password: z
      .string()
      .min(PASSWORD_MIN, `Password must be at least ${PASSWORD_MIN} characters`)
      .max(200, "Password must be at most 200 characters"),
    businessName: z.string().trim().min(1, "Business name is required").max(100),
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

export async function signUp(db: Db, input: SignUpInput) {
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
    if ((err as { code?: string }).code === "P2002") {
      throw new AppError("EMAIL_TAKEN", "An account with this email already exists", { field: "email" });
    }
    throw err;
  }
}
