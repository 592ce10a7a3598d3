// Reading the OpenAPI document for the reference page: $refs, a schema's type in words, its
// constraints, an example value built from the schema, and a curl line per operation.
export type JsonSchema = {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  allOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  description?: string;
  default?: unknown;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  maxItems?: number;
  additionalProperties?: boolean | JsonSchema;
};
export type Components = Record<string, JsonSchema>;

export function resolve(schema: JsonSchema, components: Components): JsonSchema {
  const name = schema.$ref?.split("/").pop();
  return name && components[name] ? resolve(components[name], components) : schema;
}

export function typeLabel(schema: JsonSchema, components: Components): string {
  const s = resolve(schema, components);
  const name = schema.$ref?.split("/").pop();
  if (s.enum) return s.enum.map((v) => JSON.stringify(v)).join(" | ");
  if (s.const !== undefined) return JSON.stringify(s.const);
  // A named union (JsonValue) may refer to itself: its name, not its expansion.
  if (name && s.anyOf) return name;
  if (s.anyOf) return s.anyOf.map((x) => typeLabel(x, components)).join(" | ");
  if (s.type === "array") return `${s.items ? typeLabel(s.items, components) : "any"}[]`;
  if (name) return name;
  if (Array.isArray(s.type)) return s.type.join(" | ");
  return s.format ? `${s.type ?? "any"} (${s.format})` : (s.type ?? "any");
}

export function constraints(schema: JsonSchema, components: Components): string[] {
  const s = resolve(schema, components);
  const out: string[] = [];
  if (s.minLength !== undefined || s.maxLength !== undefined) out.push(`${s.minLength ?? 0}–${s.maxLength ?? "∞"} characters`);
  if (s.minimum !== undefined || s.maximum !== undefined) out.push(`${s.minimum ?? "−∞"}–${s.maximum ?? "∞"}`);
  if (s.maxItems !== undefined) out.push(`at most ${s.maxItems} items`);
  if (s.pattern) out.push(`matches ${s.pattern}`);
  if (s.default !== undefined) out.push(`default ${JSON.stringify(s.default)}`);
  return out;
}

/** A plausible value for a schema: required fields only, the first enum value, the minimum. */
export function exampleValue(schema: JsonSchema, components: Components, depth = 0): unknown {
  const s = resolve(schema, components);
  if (s.default !== undefined) return s.default;
  if (s.enum) return s.enum[0];
  if (s.const !== undefined) return s.const;
  if (s.anyOf) return exampleValue(s.anyOf.find((x) => resolve(x, components).type !== "null") ?? s.anyOf[0]!, components, depth);
  if (s.type === "object" || s.properties) {
    if (depth > 3) return {};
    const entries = Object.entries(s.properties ?? {}).filter(([k]) => (s.required ?? []).includes(k));
    return Object.fromEntries(entries.map(([k, v]) => [k, exampleValue(v, components, depth + 1)]));
  }
  if (s.type === "array") return [];
  if (s.type === "integer" || s.type === "number") return s.minimum ?? 1;
  if (s.type === "boolean") return true;
  if (s.format === "date-time") return "2026-12-01T09:00:00.000Z";
  return "text";
}

export type OperationLike = {
  method: string;
  path: string;
  keyAuth: boolean;
  body?: { contentType: string; schema?: JsonSchema };
};

export function curlExample(op: OperationLike, baseUrl: string, components: Components): string {
  const lines = [`curl -X ${op.method.toUpperCase()} "${baseUrl}${op.path.replace(/\{(\w+)\}/g, "<$1>")}"`];
  lines.push(op.keyAuth ? `  -H "Authorization: Bearer $FRONTDESK_API_KEY"` : `  -H "Cookie: <your dashboard session>"`);
  if (op.body?.contentType === "application/json" && op.body.schema) {
    lines.push(`  -H "Content-Type: application/json"`);
    lines.push(`  -d '${JSON.stringify(exampleValue(op.body.schema, components)).replaceAll("'", "'\\''")}'`);
  } else if (op.body?.contentType === "multipart/form-data") {
    lines.push(`  -F "file=@price-list.pdf"`);
  }
  return lines.join(" \\\n");
}
