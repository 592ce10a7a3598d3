// The admin API's JSON shapes as the cockpit reads them (lib/admin/tenants-list.ts, tenant-detail.ts).
import type { Plan } from "@/components/shell/viewer";
import type { AuditEntryJson } from "@/lib/audit/serialize";

export type TenantStatus = "ACTIVE" | "SUSPENDED" | "CANCELLED";
export type TenantSort = "created_at" | "name" | "calls" | "minutes";

export type TenantRow = {
  id: string;
  name: string;
  slug: string;
  plan: Plan;
  status: TenantStatus;
  members: number;
  agents: number;
  phoneNumbers: number;
  callsThisMonth: number;
  minutesThisMonth: number;
  createdAt: string;
};

export type AuditEntry = AuditEntryJson;

export const STATUS_BADGE: Record<TenantStatus, { label: string; tone: "success" | "danger" | "neutral" }> = {
  ACTIVE: { label: "Active", tone: "success" },
  SUSPENDED: { label: "Suspended", tone: "danger" },
  CANCELLED: { label: "Cancelled", tone: "neutral" },
};
