// The reference page renders every operation of the real document, with its parts.
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { buildOpenApiDocument } from "@/lib/openapi/document";
import { ApiReference, type OpenApiDocument } from "./api-reference";

describe("the API reference page", () => {
  it("renders every operation, grouped by tag, with body fields, errors and a curl example", () => {
    const doc = buildOpenApiDocument("https://app.example") as unknown as OpenApiDocument;
    const html = renderToStaticMarkup(createElement(ApiReference, { doc, baseUrl: "https://app.example" }));
    const count = Object.values(doc.paths).reduce((n, ops) => n + Object.keys(ops).length, 0);
    expect(html.match(/<article/g)?.length).toBe(count);
    const agentCreate = html.slice(html.indexOf('id="postAgents"'), html.indexOf("</article>", html.indexOf('id="postAgents"')));
    expect(agentCreate).toContain("Create an agent");
    expect(agentCreate).toContain(">systemPrompt<");
    expect(agentCreate).toContain("QUOTA_EXCEEDED");
    expect(agentCreate).toContain("Authorization: Bearer $FRONTDESK_API_KEY");
    expect(agentCreate).toContain("API key or session · admins");
  });
});
