// The API reference page's body, rendered from the OpenAPI document: a table of contents by tag, then
// each tag's operations (operation-card.tsx). Server-rendered: no client JavaScript needed.
import type { Components } from "./schema-model";
import { OperationCard, type OpenApiOperation } from "./operation-card";

export type OpenApiDocument = {
  info: { description?: string };
  tags: { name: string }[];
  paths: Record<string, Record<string, OpenApiOperation>>;
  components: { schemas: Components };
};

export function ApiReference({ doc, baseUrl }: { doc: OpenApiDocument; baseUrl: string }) {
  const operations = Object.entries(doc.paths).flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => ({ path, method, op })));
  const byTag = doc.tags.map((t) => ({ tag: t.name, ops: operations.filter((o) => o.op.tags?.[0] === t.name) }));
  const slug = (tag: string) => `tag-${tag.toLowerCase().replace(/[^a-z0-9]+/g, "-")}`;
  return (
    <div className="grid gap-8 lg:grid-cols-[14rem_1fr]">
      <nav aria-label="API sections" className="lg:sticky lg:top-6 lg:self-start">
        <ul className="flex flex-wrap gap-2 text-sm lg:grid lg:gap-1">
          {byTag.map(({ tag, ops }) => (
            <li key={tag}>
              <a href={`#${slug(tag)}`} className="focus-ring rounded text-accent-700 hover:underline">
                {tag} <span className="text-zinc-400">({ops.length})</span>
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <div className="grid min-w-0 gap-10">
        {byTag.map(({ tag, ops }) => (
          <section key={tag} aria-labelledby={slug(tag)} className="grid gap-4">
            <h2 id={slug(tag)} className="scroll-mt-24 text-lg font-semibold text-zinc-900">{tag}</h2>
            {ops.map(({ path, method, op }) => (
              <OperationCard key={`${method} ${path}`} method={method} path={path} op={op} components={doc.components.schemas} baseUrl={baseUrl} />
            ))}
          </section>
        ))}
      </div>
    </div>
  );
}
