// GET /api/v1/openapi.json — the OpenAPI 3.1 document of /api/v1, generated from the routes' zod schemas
import { getEnv } from "@/lib/env";
import { route } from "@/lib/http/route";
import { buildOpenApiDocument } from "@/lib/openapi/document";
import { withPublic } from "@/lib/tenant/api-guard";

export const runtime = "nodejs";

// Public: it describes the API, it holds no workspace's data.
const read = withPublic(async () => Response.json(buildOpenApiDocument(getEnv().APP_URL), { headers: { "cache-control": "public, max-age=300" } }));

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = route({ GET: read });
