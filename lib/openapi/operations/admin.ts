// The platform (/api/v1/admin): super admins' signed-in sessions only; everyone else, keys included, 404.
import { tenantPlanSchema } from "../../admin/tenant-plan";
import { suspendSchema } from "../../admin/tenant-status";
import { tenantListQuerySchema } from "../../admin/tenants-query";
import { disableUserSchema } from "../../admin/user-status";
import { platformAuditListQuerySchema } from "../../audit/list-query";
import { idParams } from "../../http/params";
import { op } from "../registry";
import { dataOf, pageOf } from "../responses";
import { auditEntryJsonSchema } from "../responses-account";
import { tenantDetailJsonSchema, tenantRowJsonSchema } from "../responses-admin";

export const adminOperations = [
  op({ method: "GET", path: "/api/v1/admin/tenants", tag: "Platform admin", summary: "List workspaces with usage", auth: "super-admin", query: tenantListQuerySchema, response: { status: 200, description: "A page of workspaces", schema: pageOf(tenantRowJsonSchema) } }),
  op({ method: "GET", path: "/api/v1/admin/tenants/{id}", tag: "Platform admin", summary: "A workspace's details, members and usage", auth: "super-admin", params: idParams, response: { status: 200, description: "The workspace", schema: dataOf(tenantDetailJsonSchema) } }),
  op({ method: "PATCH", path: "/api/v1/admin/tenants/{id}", tag: "Platform admin", summary: "Change a workspace's plan and limits", auth: "super-admin", params: idParams, body: tenantPlanSchema, response: { status: 200, description: "The workspace", schema: dataOf(tenantDetailJsonSchema) } }),
  op({ method: "POST", path: "/api/v1/admin/tenants/{id}/suspend", tag: "Platform admin", summary: "Suspend a workspace", description: "Blocks its dashboard, API keys and inbound calls; signs its people out.", auth: "super-admin", params: idParams, body: suspendSchema, response: { status: 204, description: "Suspended" } }),
  op({ method: "POST", path: "/api/v1/admin/tenants/{id}/resume", tag: "Platform admin", summary: "Resume a suspended workspace", auth: "super-admin", params: idParams, response: { status: 204, description: "Resumed" } }),
  op({ method: "POST", path: "/api/v1/admin/users/{id}/disable", tag: "Platform admin", summary: "Disable a person's account", auth: "super-admin", params: idParams, body: disableUserSchema, response: { status: 204, description: "Disabled" } }),
  op({ method: "GET", path: "/api/v1/admin/audit", tag: "Platform admin", summary: "The whole platform's audit log", auth: "super-admin", query: platformAuditListQuerySchema, response: { status: 200, description: "A page of entries", schema: pageOf(auditEntryJsonSchema) } }),
];
