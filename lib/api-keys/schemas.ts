// Input and output schemas of the API-keys API. The output schemas also document the responses in the
// OpenAPI document (lib/openapi), so the serializer is typed against them.
import { z } from "zod";
import { text } from "../http/text";

export const API_KEY_NAME_MAX = 100;

export const apiKeyCreateSchema = z.strictObject({
  name: text({ label: "Name", min: 1, max: API_KEY_NAME_MAX }),
});
export type ApiKeyCreateInput = z.infer<typeof apiKeyCreateSchema>;

export const apiKeyJsonSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    prefix: z.string().describe("The first characters of the key, to recognise it; the rest is never shown again"),
    createdBy: z.object({ id: z.string(), name: z.string() }).nullable().describe("Null once that person's account is deleted"),
    createdAt: z.iso.datetime(),
    lastUsedAt: z.iso.datetime().nullable().describe("Updated at most once a minute"),
    expiresAt: z.iso.datetime().nullable(),
    revokedAt: z.iso.datetime().nullable(),
  })
  .meta({ id: "ApiKey" });
export type ApiKeyJson = z.infer<typeof apiKeyJsonSchema>;

export const createdApiKeyJsonSchema = apiKeyJsonSchema
  .extend({ key: z.string().describe("The whole key: shown in this response only. Store it now.") })
  .meta({ id: "CreatedApiKey" });
