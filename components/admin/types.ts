// The admin API's JSON shapes as the cockpit reads them (lib/admin/tenants-list.ts, tenant-detail.ts).
import type { TenantStatus } from "@/lib/db/generated/enums";
import type { AuditEntryJson } from "@/lib/audit/serialize";
import type { toTenantRowJson } from "@/lib/admin/tenants-list";

export type { TenantStatus };
export type { TenantSort } from "@/lib/admin/tenants-query";

/** One row of GET /api/v1/admin/tenants, as the server shapes it. */
export type TenantRow = ReturnType<typeof toTenantRowJson>;

export type AuditEntry = AuditEntryJson;

export const STATUS_BADGE: Record<TenantStatus, { label: string; tone: "success" | "danger" | "neutral" }> = {
  ACTIVE: { label: "Active", tone: "success" },
  SUSPENDED: { label: "Suspended", tone: "danger" },
  CANCELLED: { label: "Cancelled", tone: "neutral" },
};
