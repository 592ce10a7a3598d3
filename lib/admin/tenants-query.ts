// The query string of GET /api/v1/admin/tenants: search, sort and page. Strict, so a misspelt
// parameter is a 422 naming it rather than an unfiltered list.
import { z } from "zod";
import { TenantStatus } from "../db/generated/enums";

export const TENANTS_PAGE_DEFAULT = 25;
export const TENANTS_PAGE_MAX = 100;

export const TENANT_SORTS = ["created_at", "name", "calls", "minutes"] as const;
export type TenantSort = (typeof TENANT_SORTS)[number];

export const tenantListQuerySchema = z.strictObject({
  /** Part of the workspace's name or slug, or its exact id. */
  q: z.string().trim().min(1).max(100).optional(),
  status: z.enum(TenantStatus).optional(),
  sort: z.enum(TENANT_SORTS).default("created_at"),
  order: z.enum(["asc", "desc"]).default("desc"),
  limit: z.coerce.number().int().min(1).max(TENANTS_PAGE_MAX).default(TENANTS_PAGE_DEFAULT),
  cursor: z.string().min(1).max(400).optional(),
});

export type TenantListQuery = z.infer<typeof tenantListQuerySchema>;
