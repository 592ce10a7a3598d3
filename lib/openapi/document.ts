// Builds the OpenAPI 3.1 document of /api/v1 from the operation registry: request and response
// schemas are the zod schemas themselves, through zod 4's JSON Schema output (draft 2020-12, the
// dialect OpenAPI 3.1 uses). Named schemas (`.meta({ id })`) land in components.schemas.
import { z } from "zod";
import { ERROR_STATUS, type ErrorCode } from "../errors";
import { API_OPERATIONS } from "./operations";
import type { ApiAuth, ApiOperationSpec } from "./registry";

type Json = Record<string, unknown>;

const REF_PREFIX = "#/components/schemas/";

/** Errors every operation of an auth kind can answer besides its own. */
const COMMON_ERRORS: Record<ApiAuth, ErrorCode[]> = {
  "session+key": ["UNAUTHENTICATED", "INVALID_API_KEY", "API_KEY_REVOKED", "API_KEY_EXPIRED", "TENANT_SUSPENDED", "CSRF_FAILED", "THROTTLED"],
  session: ["UNAUTHENTICATED", "TENANT_SUSPENDED", "CSRF_FAILED", "THROTTLED"],
  "super-admin": ["UNAUTHENTICATED", "NOT_FOUND", "CSRF_FAILED", "THROTTLED"],
  public: [],
};

const SECURITY: Record<ApiAuth, Json[]> = {
  "session+key": [{ sessionCookie: [] }, { apiKey: [] }],
  session: [{ sessionCookie: [] }],
  "super-admin": [{ sessionCookie: [] }],
  public: [],
};

/** JSON Schema for one zod schema; named sub-schemas (`.meta({ id })`) become $refs into `components`. */
function toSchema(schema: z.ZodType, io: "input" | "output", components: Json): Json {
  const converted = z.toJSONSchema(schema, { io, target: "draft-2020-12", unrepresentable: "any" }) as Json;
  // zod writes local `#/$defs/<id>` refs; in OpenAPI they live under components.schemas.
  const { $schema: _dialect, $defs, ...json } = JSON.parse(JSON.stringify(converted).replaceAll('"#/$defs/', `"${REF_PREFIX}`)) as Json & {
    $defs?: Record<string, Json>;
  };
  void _dialect;
  for (const [id, def] of Object.entries($defs ?? {})) components[id] = def;
  // The root itself may be named: keep it as a component and point at it.
  const { id, ...rest } = json as Json & { id?: string };
  if (typeof id === "string") {
    components[id] = rest;
    return { $ref: `${REF_PREFIX}${id}` };
  }
  return json;
}

function parameters(spec: ApiOperationSpec, components: Json): Json[] {
  const list: Json[] = [];
  for (const [where, schema] of [["path", spec.params], ["query", spec.query]] as const) {
    if (!schema) continue;
    const json = toSchema(schema, "input", components) as { properties?: Record<string, Json>; required?: string[] };
    for (const [name, prop] of Object.entries(json.properties ?? {})) {
      list.push({ name, in: where, required: where === "path" || (json.required ?? []).includes(name), schema: prop, ...(prop.description ? { description: prop.description } : {}) });
    }
  }
  return list;
}

function errorResponses(spec: ApiOperationSpec): Record<string, Json> {
  const codes = [...new Set([...COMMON_ERRORS[spec.auth], ...(spec.params ? (["NOT_FOUND"] as const) : []), ...(spec.adminOnly ? (["FORBIDDEN"] as const) : []), ...((spec.body || spec.query) && !("multipart" in (spec.body ?? {})) ? (["VALIDATION_FAILED"] as const) : []), ...(spec.errors ?? [])])];
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of codes) byStatus.set(ERROR_STATUS[code], [...(byStatus.get(ERROR_STATUS[code]) ?? []), code]);
  // An API key of a suspended workspace is 401 TENANT_SUSPENDED (a session's is 403).
  if (spec.auth === "session+key") byStatus.set(401, [...(byStatus.get(401) ?? []), "TENANT_SUSPENDED"]);
  const out: Record<string, Json> = {};
  for (const [status, list] of [...byStatus].sort(([x], [y]) => x - y)) {
    out[String(status)] = {
      description: list.join(", "),
      ...(status === 429 ? { headers: { "Retry-After": { description: "Seconds until the window resets", schema: { type: "integer" } } } } : {}),
      content: { "application/json": { schema: { allOf: [{ $ref: `${REF_PREFIX}Error` }], properties: { error: { properties: { code: { enum: list } } } } } } },
    };
  }
  return out;
}

function operation(spec: ApiOperationSpec, components: Json): Json {
  const res = spec.response;
  const success: Json = { description: res.description };
  if (res.schema) success.content = { "application/json": { schema: toSchema(res.schema, "output", components) } };
  else if (res.contentType) success.content = { [res.contentType]: { schema: { type: "string", format: "binary" } } };
  const body = spec.body;
  return {
    operationId: `${spec.method.toLowerCase()}${spec.path.replace(/^\/api\/v1/, "").replace(/[{}]/g, "").replace(/[^A-Za-z0-9]+(\w)?/g, (_m, c: string | undefined) => (c ?? "").toUpperCase())}`,
    tags: [spec.tag],
    summary: spec.summary,
    ...(spec.description ? { description: spec.description } : {}),
    "x-admin-only": spec.adminOnly ?? false,
    security: SECURITY[spec.auth],
    parameters: parameters(spec, components),
    ...(body
      ? {
          requestBody: {
            required: true,
            content:
              "multipart" in body
                ? { "multipart/form-data": { schema: { type: "object", description: body.multipart } } }
                : { "application/json": { schema: toSchema(body as z.ZodType, "input", components) } },
          },
        }
      : {}),
    responses: { [String(res.status)]: success, ...errorResponses(spec) },
  };
}

export function buildOpenApiDocument(serverUrl?: string): Json {
  const components: Json = {
    Error: {
      type: "object",
      required: ["error"],
      properties: { error: { type: "object", required: ["code", "message"], properties: { code: { type: "string" }, message: { type: "string" }, field: { type: "string", description: "The input field at fault, when there is one" } } } },
    },
  };
  const paths: Record<string, Json> = {};
  for (const spec of API_OPERATIONS) {
    paths[spec.path] = { ...paths[spec.path], [spec.method.toLowerCase()]: operation(spec, components) };
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Frontdesk API",
      version: "1",
      description:
        "Agents, phone numbers, calls, messages and knowledge of one workspace. Authenticate with `Authorization: Bearer fd_live_...` " +
        "(Settings → API keys; a key acts as an admin of its workspace) or the dashboard's session cookie. Lists are paged: " +
        "`?limit=&cursor=`, answered with `{ data, next_cursor }`. Errors are `{ error: { code, message, field? } }`.",
    },
    ...(serverUrl ? { servers: [{ url: serverUrl }] } : {}),
    tags: [...new Set(API_OPERATIONS.map((o) => o.tag))].map((name) => ({ name })),
    paths,
    components: {
      schemas: components,
      securitySchemes: {
        apiKey: { type: "http", scheme: "bearer", description: "An API key from Settings → API keys (fd_live_...)" },
        sessionCookie: { type: "apiKey", in: "cookie", name: "__Secure-next-auth.session-token", description: "The dashboard's session; mutations also need a same-origin Origin header" },
      },
    },
  };
}
