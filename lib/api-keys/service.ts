// API keys of one tenant: create (the secret returned once), list, revoke. Reached only through
// session-authenticated routes for workspace admins (see app/api/v1/api-keys): a key cannot manage keys.
import { recordAudit } from "../audit/record";
import { AppError, notFound } from "../errors";
import { pageArgs, toPage, type Page, type PageQuery } from "../http/page";
import type { TenantScope } from "../tenant/scope";
import { scopedDb } from "../tenant/scoped-db";
import type { ApiKeyCreateInput } from "./schemas";
import { generateApiKey } from "./secret";
import type { ApiKeyWithCreator } from "./serialize";

const withCreator = { createdBy: { select: { id: true, name: true } } } as const;

export async function createApiKey(scope: TenantScope, input: ApiKeyCreateInput): Promise<{ apiKey: ApiKeyWithCreator; key: string }> {
  if (!scope.actor.userId) throw new AppError("FORBIDDEN", "API keys are created by a signed-in admin");
  const secret = generateApiKey();
  const apiKey = await scopedDb(scope).$transaction(async (tx) => {
    const row = await tx.apiKey.create({
      data: { name: input.name, prefix: secret.prefix, keyHash: secret.keyHash, createdById: scope.actor.userId },
      include: withCreator,
    });
    await recordAudit(tx, scope, "api_key.create", { type: "api_key", id: row.id }, { name: row.name, prefix: row.prefix });
    return row;
  });
  return { apiKey, key: secret.key };
}

/** Newest first, revoked keys included (the list says when each was revoked). */
export async function listApiKeys(scope: TenantScope, q: PageQuery): Promise<Page<ApiKeyWithCreator>> {
  return toPage(await scopedDb(scope).apiKey.findMany({ ...pageArgs(q), include: withCreator }), q);
}

/** Revoking twice is harmless: the first revocation time stays, and only the first is audited. */
export async function revokeApiKey(scope: TenantScope, id: string, now = new Date()): Promise<ApiKeyWithCreator> {
  return scopedDb(scope).$transaction(async (tx) => {
    const key = await tx.apiKey.findUnique({ where: { id }, include: withCreator });
    if (!key) throw notFound("API key");
    if (key.revokedAt) return key;
    const revoked = await tx.apiKey.update({ where: { id }, data: { revokedAt: now }, include: withCreator });
    await recordAudit(tx, scope, "api_key.revoke", { type: "api_key", id }, { name: key.name, prefix: key.prefix });
    return revoked;
  });
}
