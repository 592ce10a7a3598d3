// Which Prisma models hold tenant data, read from the generated client rather than a hand-kept list:
// a model is tenant-owned when its scalar fields include `tenantId`. Adding a model with a tenantId
// column makes scopedDb() filter it with no other change.
import { Prisma } from "../db/generated/client";

type ModelName = Prisma.ModelName;

/** Models whose generated scalar-field enum has a tenantId column (the type-level twin of the list). */
export type TenantModelName = {
  [M in ModelName]: "tenantId" extends keyof (typeof Prisma)[`${M}ScalarFieldEnum`] ? M : never;
}[ModelName];

function scalarFields(model: ModelName): Record<string, string> {
  const fieldEnum = (Prisma as unknown as Record<string, Record<string, string> | undefined>)[`${model}ScalarFieldEnum`];
  if (!fieldEnum) throw new Error(`Generated client has no ${model}ScalarFieldEnum: regenerate the Prisma client`);
  return fieldEnum;
}

export const TENANT_MODELS: ReadonlySet<string> = new Set(
  Object.values(Prisma.ModelName).filter((m) => "tenantId" in scalarFields(m)),
);

/** The tenant row itself: a scoped client sees exactly one, its own. */
export const TENANT_ROW_MODEL = "Tenant" satisfies ModelName;

/**
 * Platform tables a scoped unit of work may still write: a service enqueues a job in the same
 * transaction as the row it belongs to. Every other platform table (users, sessions, throttles,
 * schedules) is reached through platformDb() only.
 */
export const SHARED_PLATFORM_MODELS: ReadonlySet<string> = new Set(["Job"] satisfies ModelName[]);

export function isTenantModel(model: string): boolean {
  return TENANT_MODELS.has(model);
}

/** "PhoneNumber" → "Phone number", for not-found messages. */
export function modelLabel(model: string): string {
  const words = model.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
