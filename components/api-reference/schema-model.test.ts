import { describe, expect, it } from "vitest";
import { constraints, curlExample, exampleValue, typeLabel, type Components } from "./schema-model";

const components: Components = { Agent: { type: "object", properties: { id: { type: "string" } }, required: ["id"] } };

describe("the reference page's schema reading", () => {
  it("names types through refs, unions, enums and arrays", () => {
    expect(typeLabel({ $ref: "#/components/schemas/Agent" }, components)).toBe("Agent");
    expect(typeLabel({ type: "array", items: { $ref: "#/components/schemas/Agent" } }, components)).toBe("Agent[]");
    expect(typeLabel({ anyOf: [{ type: "string" }, { type: "null" }] }, components)).toBe("string | null");
    expect(typeLabel({ type: "string", enum: ["A", "B"] }, components)).toBe('"A" | "B"');
    // A union that refers to itself (free-form JSON columns) is named, not expanded forever.
    const json: Components = { JsonValue: { anyOf: [{ type: "string" }, { type: "array", items: { $ref: "#/components/schemas/JsonValue" } }] } };
    expect(typeLabel({ anyOf: [{ $ref: "#/components/schemas/JsonValue" }, { type: "null" }] }, json)).toBe("JsonValue | null");
  });

  it("lists constraints and builds an example of the required fields", () => {
    expect(constraints({ type: "string", minLength: 1, maxLength: 80 }, components)).toEqual(["1–80 characters"]);
    const body = { type: "object", required: ["name", "limit"], properties: { name: { type: "string" }, limit: { type: "integer", minimum: 5 }, note: { type: "string" } } };
    expect(exampleValue(body, components)).toEqual({ name: "text", limit: 5 });
  });

  it("writes a curl line with the key, or the cookie where keys do not work", () => {
    const withKey = curlExample({ method: "post", path: "/api/v1/agents/{id}", keyAuth: true, body: { contentType: "application/json", schema: { type: "object", required: ["name"], properties: { name: { type: "string" } } } } }, "https://app.example", components);
    expect(withKey).toContain('curl -X POST "https://app.example/api/v1/agents/<id>"');
    expect(withKey).toContain("Authorization: Bearer $FRONTDESK_API_KEY");
    expect(withKey).toContain(`-d '{"name":"text"}'`);
    expect(curlExample({ method: "get", path: "/api/v1/me", keyAuth: false }, "", components)).toContain("Cookie:");
  });
});
