// A schema's fields as a definition list: name, type, required, constraints, description; nested
// objects indented below their field (two levels, then the type name says the rest).
import { constraints, resolve, typeLabel, type Components, type JsonSchema } from "./schema-model";

export function SchemaFields({ schema, components, depth = 0 }: { schema: JsonSchema; components: Components; depth?: number }) {
  const s = resolve(schema, components);
  const object = s.type === "array" && s.items ? resolve(s.items, components) : s;
  const properties = Object.entries(object.properties ?? {});
  if (properties.length === 0) {
    return <p className="text-sm text-zinc-600">{typeLabel(schema, components)}{s.description ? ` — ${s.description}` : ""}</p>;
  }
  return (
    <dl className={depth > 0 ? "mt-2 border-l border-zinc-200 pl-3" : "divide-y divide-zinc-100"}>
      {properties.map(([name, prop]) => {
        const p = resolve(prop, components);
        const nested = depth < 2 && (p.properties || (p.type === "array" && p.items && resolve(p.items, components).properties));
        const notes = constraints(prop, components);
        return (
          <div key={name} className="py-2">
            <dt className="flex flex-wrap items-baseline gap-2 text-sm">
              <code className="font-mono font-medium text-zinc-900">{name}</code>
              <span className="font-mono text-xs text-zinc-500">{typeLabel(prop, components)}</span>
              {(object.required ?? []).includes(name) && <span className="text-xs font-medium text-amber-700">required</span>}
            </dt>
            <dd className="text-sm text-zinc-600">
              {p.description && <p>{p.description}</p>}
              {notes.length > 0 && <p className="text-xs text-zinc-500">{notes.join(" · ")}</p>}
              {nested && <SchemaFields schema={prop} components={components} depth={depth + 1} />}
            </dd>
          </div>
        );
      })}
    </dl>
  );
}
