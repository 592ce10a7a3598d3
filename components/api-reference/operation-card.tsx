// One operation of the API reference: method and path, who may call it, parameters, body, the success
// response's fields, the errors by status, and a curl example.
import { Badge } from "@/components/ui/badge";
import { SchemaFields } from "./schema-fields";
import { curlExample, typeLabel, type Components, type JsonSchema } from "./schema-model";

type Media = Record<string, { schema?: JsonSchema }>;
export type OpenApiOperation = {
  operationId: string;
  tags?: string[];
  summary: string;
  description?: string;
  security: Record<string, string[]>[];
  "x-admin-only"?: boolean;
  parameters: { name: string; in: string; required: boolean; schema: JsonSchema; description?: string }[];
  requestBody?: { content: Media };
  responses: Record<string, { description: string; content?: Media }>;
};

const METHOD_TONE = { get: "accent", post: "success", patch: "warning", put: "warning", delete: "danger" } as const;

function who(op: OpenApiOperation): string {
  const schemes = op.security.flatMap((s) => Object.keys(s));
  const base = schemes.includes("apiKey") ? "API key or session" : schemes.length ? "Dashboard session only" : "Public";
  return op["x-admin-only"] ? `${base} · admins` : base;
}

export function OperationCard({ method, path, op, components, baseUrl }: { method: string; path: string; op: OpenApiOperation; components: Components; baseUrl: string }) {
  const [bodyType, bodyMedia] = Object.entries(op.requestBody?.content ?? {})[0] ?? [];
  const [successStatus, success] = Object.entries(op.responses).find(([status]) => status.startsWith("2")) ?? [];
  const errors = Object.entries(op.responses).filter(([status]) => !status.startsWith("2"));
  const successSchema = success?.content?.["application/json"]?.schema;
  const keyAuth = op.security.some((s) => "apiKey" in s) || op.security.length === 0;
  return (
    <article id={op.operationId} className="scroll-mt-24 rounded-xl border border-zinc-200 bg-white p-5 shadow-xs" aria-labelledby={`${op.operationId}-title`}>
      <header className="flex flex-wrap items-center gap-2">
        <Badge tone={METHOD_TONE[method as keyof typeof METHOD_TONE] ?? "neutral"}>{method.toUpperCase()}</Badge>
        <code className="font-mono text-sm break-all text-zinc-900">{path}</code>
      </header>
      <h3 id={`${op.operationId}-title`} className="mt-2 text-base font-semibold text-zinc-900">{op.summary}</h3>
      {op.description && <p className="mt-1 text-sm text-zinc-600">{op.description}</p>}
      <p className="mt-1 text-xs text-zinc-500">{who(op)}</p>

      {op.parameters.length > 0 && (
        <section className="mt-4">
          <h4 className="text-sm font-medium text-zinc-800">Parameters</h4>
          <ul className="mt-1 divide-y divide-zinc-100">
            {op.parameters.map((p) => (
              <li key={`${p.in}-${p.name}`} className="flex flex-wrap items-baseline gap-2 py-1.5 text-sm">
                <code className="font-mono font-medium text-zinc-900">{p.name}</code>
                <span className="text-xs text-zinc-500">{p.in}</span>
                <span className="font-mono text-xs text-zinc-500">{typeLabel(p.schema, components)}</span>
                {p.required && <span className="text-xs font-medium text-amber-700">required</span>}
                {p.description && <span className="text-zinc-600">{p.description}</span>}
              </li>
            ))}
          </ul>
        </section>
      )}

      {bodyType && (
        <section className="mt-4">
          <h4 className="text-sm font-medium text-zinc-800">Body <span className="font-normal text-zinc-500">({bodyType})</span></h4>
          {bodyMedia?.schema && <SchemaFields schema={bodyMedia.schema} components={components} />}
        </section>
      )}

      <section className="mt-4">
        <h4 className="text-sm font-medium text-zinc-800">Response {successStatus} <span className="font-normal text-zinc-500">— {success?.description}</span></h4>
        {successSchema && <SchemaFields schema={successSchema} components={components} />}
      </section>

      {errors.length > 0 && (
        <section className="mt-4">
          <h4 className="text-sm font-medium text-zinc-800">Errors</h4>
          <ul className="mt-1 text-sm text-zinc-600">
            {errors.map(([status, r]) => (
              <li key={status}>
                <span className="font-mono text-zinc-900">{status}</span> {r.description}
              </li>
            ))}
          </ul>
        </section>
      )}

      <section className="mt-4">
        <h4 className="text-sm font-medium text-zinc-800">Example</h4>
        <pre className="mt-1 overflow-x-auto rounded-lg bg-zinc-900 p-3 text-xs text-zinc-100"><code>{curlExample({ method, path, keyAuth, body: bodyType ? { contentType: bodyType, schema: bodyMedia?.schema } : undefined }, baseUrl, components)}</code></pre>
      </section>
    </article>
  );
}
