// Checks an email + password sign-in. Unknown email and wrong password look the same to the caller
// (same result, same timing, same throttling); only a throttled attempt or a suspended workspace is
// said out loud. Everything cheap runs before the hash: per-IP limit, locks, fleet-wide limit.
import { z } from "zod";
import type { Db } from "../db/client";
import { AppError, isAppError } from "../errors";
import { getLogger } from "../logger";
import { ipLimitKey } from "./client-ip";
import { getDummyHash, hashPassword, verifyPassword } from "./password";
import { enforceRateLimit, LIMITS } from "./rate-limit";
import { assertNotLocked, clearFailures, recordFailure, signInKeys } from "./throttle";

export const credentialsSchema = z.object({
  email: z.string().trim().toLowerCase().email().max(254),
  password: z.string().min(1).max(200),
});

export type AuthenticatedUser = { id: string; email: string; name: string; tenantId: string | null };

const TOO_MANY = "Too many sign-in attempts; try again later";

/**
 * Returns the user, null for bad credentials; throws AppError THROTTLED (rate limit, lock), BUSY (hash
 * pool full) or TENANT_SUSPENDED. `ip` comes from clientIp(); UNKNOWN_CLIENT_IP skips the per-IP limit.
 */
export async function authenticate(db: Db, raw: unknown, ip: string): Promise<AuthenticatedUser | null> {
  const parsed = credentialsSchema.safeParse(raw);
  if (!parsed.success) return null;
  const { email, password } = parsed.data;

  const ipKey = ipLimitKey(ip);
  if (ipKey) await enforceRateLimit(db, LIMITS.loginPerIp, ipKey, TOO_MANY);
  const keys = signInKeys(email, ip);
  await assertNotLocked(db, keys, "Too many failed sign-in attempts; try again later");
  await enforceRateLimit(db, LIMITS.loginGlobal, "all", TOO_MANY);

  const user = await db.user.findUnique({
    where: { email },
    include: { memberships: { include: { tenant: { select: { id: true, status: true } } }, orderBy: { createdAt: "asc" } } },
  });
  const stored = user?.passwordHash ?? getDummyHash();
  const { ok, needsRehash } = await verifyPassword(password, stored);
  if (!user || !ok || user.disabledAt) {
    await recordFailure(db, keys);
    return null;
  }
  await clearFailures(db, keys);
  if (needsRehash) await rehash(db, user.id, stored, password);

  // The workspace they last switched to, if they still belong to it and it is active; else their first.
  const usable = user.memberships.filter((m) => m.tenant.status === "ACTIVE");
  const active = usable.find((m) => m.tenantId === user.lastTenantId) ?? usable[0];
  if (!active && !user.isSuperAdmin) {
    if (user.memberships.length > 0) throw new AppError("TENANT_SUSPENDED", "This workspace is suspended");
    return null;
  }
  await db.user.update({ where: { id: user.id }, data: { lastLoginAt: new Date() } });
  return { id: user.id, email: user.email, name: user.name, tenantId: active?.tenantId ?? null };
}

/**
 * Upgrades a hash made at an older cost, now that we hold the password. Only if the stored hash is
 * still the one we verified (a concurrent password change wins), and never at the cost of the sign-in:
 * if the pool is busy it waits for the next one.
 */
async function rehash(db: Db, userId: string, verified: string, password: string): Promise<void> {
  try {
    const passwordHash = await hashPassword(password, { maxWaitMs: 0 });
    await db.user.updateMany({ where: { id: userId, passwordHash: verified }, data: { passwordHash } });
  } catch (err) {
    if (!isAppError(err, "BUSY")) getLogger("auth").warn({ err, userId }, "password rehash failed");
  }
}
