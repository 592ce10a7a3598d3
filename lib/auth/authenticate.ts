// Checks an email + password sign-in. Unknown email and wrong password look the same to the caller
// (same result, same timing); only a throttled key or a suspended workspace is said out loud.
import { z } from "zod";
import type { Db } from "../db/client";
import { AppError } from "../errors";
import { getDummyHash, verifyPassword } from "./password";
import { clearFailures, isLocked, recordFailure, throttleKey } from "./throttle";

export const credentialsSchema = z.object({
  email: z.string().trim().toLowerCase().email().max(254),
  password: z.string().min(1).max(200),
});

export type AuthenticatedUser = { id: string; email: string; name: string; tenantId: string | null };

/** Returns the user, null for bad credentials; throws AppError THROTTLED or TENANT_SUSPENDED. */
export async function authenticate(db: Db, raw: unknown, ip: string): Promise<AuthenticatedUser | null> {
  const parsed = credentialsSchema.safeParse(raw);
  if (!parsed.success) return null;
  const { email, password } = parsed.data;
  const key = throttleKey(email, ip);
  if (await isLocked(db, key)) {
    throw new AppError("THROTTLED", "Too many failed sign-in attempts; try again later");
  }

  const user = await db.user.findUnique({
    where: { email },
    include: { memberships: { include: { tenant: { select: { id: true, status: true } } }, orderBy: { createdAt: "asc" } } },
  });
  const ok = await verifyPassword(password, user?.passwordHash ?? (await getDummyHash()));
  if (!user || !ok || user.disabledAt) {
    await recordFailure(db, key);
    return null;
  }
  await clearFailures(db, key);

  const active = user.memberships.find((m) => m.tenant.status === "ACTIVE");
  if (!active && !user.isSuperAdmin) {
    if (user.memberships.length > 0) throw new AppError("TENANT_SUSPENDED", "This workspace is suspended");
    return null;
  }
  await db.user.update({ where: { id: user.id }, data: { lastLoginAt: new Date() } });
  return { id: user.id, email: user.email, name: user.name, tenantId: active?.tenantId ?? null };
}
