// The public JSON shape of an API key: never its hash, and the secret only in the create response.
import type { ApiKey, User } from "../db/generated/client";
import type { ApiKeyJson } from "./schemas";

export type ApiKeyWithCreator = ApiKey & { createdBy: Pick<User, "id" | "name"> | null };

export function toApiKeyJson(k: ApiKeyWithCreator): ApiKeyJson {
  return {
    id: k.id,
    name: k.name,
    prefix: k.prefix,
    createdBy: k.createdBy ? { id: k.createdBy.id, name: k.createdBy.name } : null,
    createdAt: k.createdAt.toISOString(),
    lastUsedAt: k.lastUsedAt?.toISOString() ?? null,
    expiresAt: k.expiresAt?.toISOString() ?? null,
    revokedAt: k.revokedAt?.toISOString() ?? null,
  };
}
