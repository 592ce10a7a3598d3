// Settings → API reference: every /api/v1 operation, rendered from the same OpenAPI document that
// GET /api/v1/openapi.json serves.
import type { Metadata } from "next";
import Link from "next/link";
import { ApiReference, type OpenApiDocument } from "@/components/api-reference/api-reference";
import { PageHeader } from "@/components/shell/page-header";
import { getEnv } from "@/lib/env";
import { buildOpenApiDocument } from "@/lib/openapi/document";
import { requirePageContext } from "@/lib/tenant/page-context";

export const metadata: Metadata = { title: "API reference" };

export default async function ApiReferencePage() {
  await requirePageContext();
  const baseUrl = getEnv().APP_URL.replace(/\/+$/, "");
  const doc = buildOpenApiDocument(baseUrl) as unknown as OpenApiDocument;
  return (
    <>
      <PageHeader
        eyebrow={<Link href="/settings/api-keys" className="focus-ring rounded text-sm font-medium text-accent-700 hover:underline">← API keys</Link>}
        title="API reference"
        description={
          <>
            {doc.info.description}{" "}
            <a href="/api/v1/openapi.json" className="focus-ring rounded font-medium text-accent-700 hover:underline">OpenAPI 3.1 document</a>
          </>
        }
      />
      <ApiReference doc={doc} baseUrl={baseUrl} />
    </>
  );
}
