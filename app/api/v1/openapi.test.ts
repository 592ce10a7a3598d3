// The OpenAPI document: valid OpenAPI 3.1 by a real validator, and in step with the route files: every
// method of every app/api/v1/**/route.ts is documented (and nothing else), with the auth its guard
// really applies (keys or sessions only, admins only).
import { Validator } from "@seriousme/openapi-schema-validator";
import { describe, expect, it } from "vitest";
import { buildOpenApiDocument } from "@/lib/openapi/document";
import { apiV1Routes } from "@/lib/test/api-routes";
import { GET } from "./openapi.json/route";

type Operation = { security: Record<string, string[]>[]; "x-admin-only": boolean; responses: Record<string, unknown>; parameters: { name: string; in: string }[] };

type Json = Record<string, unknown>;

/** Where a schema has an object with no declared fields and any members allowed (the `anyObject` of old). */
function fieldlessObjects(schema: Json, components: Record<string, Json>, at = "", seen = new Set<string>()): string[] {
  if (typeof schema.$ref === "string") {
    const id = schema.$ref.replace("#/components/schemas/", "");
    if (seen.has(id)) return [];
    return fieldlessObjects(components[id]!, components, at, new Set([...seen, id]));
  }
  const extra = schema.additionalProperties;
  const open = extra === undefined || extra === true || (typeof extra === "object" && extra !== null && Object.keys(extra).length === 0);
  const found = schema.type === "object" && Object.keys((schema.properties as Json | undefined) ?? {}).length === 0 && open ? [at || "(root)"] : [];
  const children: [string, Json][] = [
    ...Object.entries((schema.properties as Record<string, Json> | undefined) ?? {}).map(([k, v]) => [`${at}.${k}`, v] as [string, Json]),
    ...(schema.items ? [[`${at}[]`, schema.items as Json] as [string, Json]] : []),
    ...["anyOf", "oneOf", "allOf"].flatMap((k) => ((schema[k] as Json[] | undefined) ?? []).map((v) => [at, v] as [string, Json])),
  ];
  return [...found, ...children.flatMap(([where, child]) => fieldlessObjects(child, components, where, seen))];
}

const doc = buildOpenApiDocument("http://localhost:3000") as { paths: Record<string, Record<string, Operation>> };
const routes = apiV1Routes();

const GUARD_SECURITY: Record<string, string[]> = {
  withTenant: ["sessionCookie", "apiKey"],
  withTenantSession: ["sessionCookie"],
  withUser: ["sessionCookie"],
  withSuperAdmin: ["sessionCookie"],
  withPublic: [],
};

describe("GET /api/v1/openapi.json", () => {
  it("is a valid OpenAPI 3.1 document", async () => {
    const res = await GET(new Request("http://localhost:3000/api/v1/openapi.json"));
    expect(res.status).toBe(200);
    const served = await res.json();
    expect(served.openapi).toBe("3.1.0");
    const result = await new Validator().validate(served);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it("refuses an invalid document (the validator is not a rubber stamp)", async () => {
    const broken = { ...doc, paths: { "/x": { get: { responses: { "200": { content: "nope" } } } } } };
    expect((await new Validator().validate(broken)).valid).toBe(false);
  });

  it("documents every method of every route file, and nothing that does not exist", () => {
    const inSource = routes.flatMap((r) => r.operations.map((op) => `${op.method} ${r.path}`)).sort();
    const inDoc = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`)).sort();
    expect(inSource.length).toBeGreaterThan(30);
    expect(inDoc).toEqual(inSource);
  });

  it("declares the auth each route's guard applies", () => {
    const mismatches: string[] = [];
    for (const r of routes) {
      for (const op of r.operations) {
        const documented = doc.paths[r.path]![op.method.toLowerCase()]!;
        const schemes = documented.security.flatMap((s) => Object.keys(s));
        if (JSON.stringify(schemes) !== JSON.stringify(GUARD_SECURITY[op.guard])) mismatches.push(`${op.method} ${r.path}: security ${schemes} for ${op.guard}`);
        if (documented["x-admin-only"] !== op.adminOnly) mismatches.push(`${op.method} ${r.path}: x-admin-only ${documented["x-admin-only"]}, route ${op.adminOnly}`);
        if (op.adminOnly && !documented.responses["403"]) mismatches.push(`${op.method} ${r.path}: no 403`);
        if (r.path.includes("{") && !documented.parameters.some((p) => p.in === "path")) mismatches.push(`${op.method} ${r.path}: no path parameter`);
      }
    }
    expect(mismatches).toEqual([]);
  });

  it("gives every JSON success response a schema with its fields, not a generic object", () => {
    const components = (doc as unknown as { components: { schemas: Record<string, Json> } }).components.schemas;
    const generic: string[] = [];
    for (const [path, ops] of Object.entries(doc.paths)) {
      if (path === "/api/v1/openapi.json") continue; // the document itself: its schema is the OpenAPI specification
      for (const [method, op] of Object.entries(ops)) {
        for (const [status, res] of Object.entries(op.responses)) {
          const schema = (res as { content?: Record<string, { schema: Json }> }).content?.["application/json"]?.schema;
          if (status.startsWith("2") && schema) generic.push(...fieldlessObjects(schema, components).map((at) => `${method.toUpperCase()} ${path} ${status}${at}`));
        }
      }
    }
    expect(generic).toEqual([]);
    // The check itself finds the generic object (z.object({}).loose()), even behind a $ref.
    expect(fieldlessObjects({ properties: { data: { $ref: "#/components/schemas/X" } } }, { X: { type: "object", properties: {}, additionalProperties: {} } })).toEqual([".data"]);
  });

  it("documents paging, errors and Retry-After from the schemas", () => {
    const list = doc.paths["/api/v1/agents"]!.get!;
    expect(list.parameters.map((p) => p.name)).toEqual(["limit", "cursor"]);
    expect(JSON.stringify(list.responses["200"])).toContain("next_cursor");
    expect(JSON.stringify(list.responses["401"])).toContain("API_KEY_REVOKED");
    expect(JSON.stringify(list.responses["429"])).toContain("Retry-After");
    const create = doc.paths["/api/v1/agents"]!.post!;
    expect(JSON.stringify(create)).toContain('"maxLength":80');
  });
});
