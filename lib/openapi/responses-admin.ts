// zod schemas of the platform admin's tenant JSON (lib/admin/tenants-list.ts, tenant-detail.ts) for the
// OpenAPI document; the checks at the bottom fail `tsc` when a serializer and its schema drift apart.
import { z } from "zod";
import type { TenantDetail } from "../admin/tenant-detail";
import type { toTenantRowJson } from "../admin/tenants-list";
import { Plan, Role, TenantStatus } from "../db/generated/enums";
import { auditEntryJsonSchema } from "./responses-account";
import { iso, type Same } from "./responses";

const int = z.number().int();

/** What names a workspace in both the list and the detail. */
const tenantIdentity = z.object({ id: z.string(), name: z.string(), slug: z.string(), plan: z.enum(Plan), status: z.enum(TenantStatus) });

export const tenantRowJsonSchema = tenantIdentity
  .extend({
    members: int,
    agents: int,
    phoneNumbers: int,
    callsThisMonth: int,
    minutesThisMonth: z.number().describe("To a tenth of a minute"),
    createdAt: iso,
  })
  .meta({ id: "TenantRow" });

export const tenantDetailJsonSchema = tenantIdentity
  .extend({
    suspendedAt: iso.nullable(),
    suspendedReason: z.string().nullable(),
    country: z.string(),
    billingEmail: z.string().nullable(),
    createdAt: iso,
    limits: z.object({ monthlyMinutesQuota: int, maxAgents: int, maxPhoneNumbers: int, maxKnowledgeDocuments: int, maxKnowledgeMegabytes: int, maxConcurrentCalls: int }),
    members: z.array(z.object({ id: z.string().describe("The user's id"), name: z.string(), email: z.string(), role: z.enum(Role), disabled: z.boolean(), lastLoginAt: iso.nullable(), joinedAt: iso })),
    counts: z.object({ members: int, agents: int, phoneNumbers: int }),
    usage: z.object({ periodStart: iso, calls: int, minutes: z.number(), costCents: int }).describe("This calendar month (UTC)"),
    audit: z.array(auditEntryJsonSchema).describe("The latest entries, newest first"),
  })
  .meta({ id: "TenantDetail" });

// Compile-time: each schema's type and its serializer's output are the same shape.
const rowMatches: Same<z.infer<typeof tenantRowJsonSchema>, ReturnType<typeof toTenantRowJson>> = true;
const detailMatches: Same<z.infer<typeof tenantDetailJsonSchema>, TenantDetail> = true;
void [rowMatches, detailMatches];
