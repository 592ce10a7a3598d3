// Turns `Authorization: Bearer fd_live_...` into who is calling: the key's tenant, acting as one of its
// admins (a key is an integration set up by an admin), in one query by the key's hash. The key's
// lastUsedAt is written at most once a minute per key, so a busy integration costs reads, not writes.
import { hashApiKey, isApiKeyShape } from "../api-keys/secret";
import type { Db } from "../db/client";
import type { Plan } from "../db/generated/enums";
import { AppError } from "../errors";
import type { SessionTenant } from "./resolve-session";
import type { TenantScope } from "./scope";

export const API_KEY_TOUCH_INTERVAL_MS = 60_000;

export type ApiKeyContext = TenantScope & { apiKeyId: string; tenant: SessionTenant };

type Row = {
  id: string;
  revokedAt: Date | null;
  expiresAt: Date | null;
  lastUsedAt: Date | null;
  tenantId: string;
  tenantName: string;
  tenantPlan: Plan;
  tenantStatus: string;
  tenantCountry: string;
  tenantMaxAgents: number;
  tenantMaxPhoneNumbers: number;
};

const invalid = () => new AppError("INVALID_API_KEY", "That API key is not valid: send `Authorization: Bearer fd_live_...` with a key from Settings → API keys");

/**
 * The token of a Bearer header; null without one. Other schemes are not ours to judge: a browser
 * behind a Basic-auth proxy sends `Authorization: Basic` on every request, and its session still works.
 */
export function bearerToken(req: Request): string | null {
  const header = req.headers.get("authorization") ?? "";
  if (!/^Bearer\b/i.test(header)) return null;
  const match = /^Bearer +(\S+) *$/i.exec(header);
  if (!match) throw invalid();
  return match[1]!;
}

export async function resolveApiKey(db: Db, token: string, now = new Date()): Promise<ApiKeyContext> {
  if (!isApiKeyShape(token)) throw invalid();
  const rows = await db.$queryRaw<Row[]>`
    SELECT k."id", k."revokedAt", k."expiresAt", k."lastUsedAt",
           t."id" AS "tenantId", t."name" AS "tenantName", t."plan"::text AS "tenantPlan",
           t."status"::text AS "tenantStatus", t."country" AS "tenantCountry",
           t."maxAgents" AS "tenantMaxAgents", t."maxPhoneNumbers" AS "tenantMaxPhoneNumbers"
      FROM "ApiKey" k JOIN "Tenant" t ON t."id" = k."tenantId"
     WHERE k."keyHash" = ${hashApiKey(token)}`;
  const row = rows[0];
  if (!row) throw invalid();
  if (row.revokedAt) throw new AppError("API_KEY_REVOKED", "This API key was revoked; create a new one in Settings → API keys");
  if (row.expiresAt && new Date(row.expiresAt).getTime() <= now.getTime()) throw new AppError("API_KEY_EXPIRED", "This API key has expired; create a new one in Settings → API keys");
  // 401 rather than the session's 403: for a key, the credential itself no longer opens anything.
  if (row.tenantStatus !== "ACTIVE") throw new AppError("TENANT_SUSPENDED", "This workspace is suspended", { status: 401 });
  if (!row.lastUsedAt || now.getTime() - new Date(row.lastUsedAt).getTime() >= API_KEY_TOUCH_INTERVAL_MS) {
    // Conditional, so instances that read the same stale time write it once between them.
    const stale = new Date(now.getTime() - API_KEY_TOUCH_INTERVAL_MS);
    await db.$executeRaw`UPDATE "ApiKey" SET "lastUsedAt" = ${now} WHERE "id" = ${row.id} AND ("lastUsedAt" IS NULL OR "lastUsedAt" <= ${stale})`;
  }
  return {
    tenantId: row.tenantId,
    role: "ADMIN",
    actor: { apiKeyId: row.id },
    apiKeyId: row.id,
    tenant: {
      id: row.tenantId,
      name: row.tenantName,
      plan: row.tenantPlan,
      status: row.tenantStatus,
      country: row.tenantCountry,
      maxAgents: Number(row.tenantMaxAgents),
      maxPhoneNumbers: Number(row.tenantMaxPhoneNumbers),
    },
  };
}
