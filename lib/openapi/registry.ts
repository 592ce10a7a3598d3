// What each /api/v1 operation declares for the OpenAPI document: the zod schemas that validate its
// params, query and body and shape its response, the errors it answers with, and who may call it.
// The operations live in ./operations (one file per area); document.ts turns them into OpenAPI 3.1.
import type { z } from "zod";
import type { ErrorCode } from "../errors";

/**
 * session+key: a workspace member's session or an API key of the workspace (withTenant);
 * session: a signed-in browser only (withTenantSession, withUser); super-admin: the platform (withSuperAdmin).
 */
export type ApiAuth = "session+key" | "session" | "super-admin" | "public";

export type ApiOperationSpec = {
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  /** OpenAPI style: /api/v1/agents/{id} */
  path: string;
  tag: string;
  summary: string;
  description?: string;
  auth: ApiAuth;
  adminOnly?: boolean;
  params?: z.ZodType;
  query?: z.ZodType;
  /** A zod schema for a JSON body, or a multipart form described in words. */
  body?: z.ZodType | { multipart: string };
  response: { status: number; description: string; schema?: z.ZodType; contentType?: string };
  /** Beyond the ones every operation of its auth kind can answer (see document.ts). */
  errors?: ErrorCode[];
};

export const op = (spec: ApiOperationSpec): ApiOperationSpec => spec;
