// The /api/v1 route table read from the source tree (app/api/v1/**/route.ts), for tests that must
// cover every route without a hand-kept list: its URL (OpenAPI style, `{id}`), and per declared
// method the guard that wraps its handler and whether that guard is for workspace admins only.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export type Guard = "withTenant" | "withTenantSession" | "withUser" | "withSuperAdmin" | "withPublic";
export type ApiOperation = { method: string; guard: Guard; adminOnly: boolean };
export type ApiRoute = { file: string; path: string; operations: ApiOperation[] };

const root = fileURLToPath(new URL("../..", import.meta.url));

/** Every route.ts under `dir` (relative to the project root), as project-relative POSIX paths. */
export function routeFiles(dir: string): string[] {
  return readdirSync(path.join(root, dir)).flatMap((name) => {
    const rel = path.posix.join(dir, name);
    if (statSync(path.join(root, rel)).isDirectory()) return routeFiles(rel);
    return name === "route.ts" ? [rel] : [];
  });
}

/** `const name = withX(...)` blocks of a route file: the guard and whether `{ role: "ADMIN" }` is in it. */
function handlerGuards(source: string): Map<string, { guard: Guard; adminOnly: boolean }> {
  const found = new Map<string, { guard: Guard; adminOnly: boolean }>();
  const starts = [...source.matchAll(/^const (\w+) = (with\w+)\b/gm)];
  for (const [i, m] of starts.entries()) {
    const end = starts[i + 1]?.index ?? source.indexOf("export const {", m.index);
    const block = source.slice(m.index, end === -1 ? undefined : end);
    found.set(m[1]!, { guard: m[2] as Guard, adminOnly: /role: "ADMIN"/.test(block) });
  }
  return found;
}

export function apiV1Routes(): ApiRoute[] {
  return routeFiles("app/api/v1")
    .sort()
    .map((file) => {
      const source = readFileSync(path.join(root, file), "utf8");
      const declared = /route\(\{([^}]*)\}/.exec(source)?.[1] ?? "";
      const guards = handlerGuards(source);
      const operations = [...declared.matchAll(/(GET|POST|PUT|PATCH|DELETE): (\w+)/g)].map(([, method, handler]) => {
        const g = guards.get(handler!);
        if (!g) throw new Error(`${file}: ${method} handler ${handler} is not a "const ${handler} = withX(...)" guard`);
        return { method: method!, ...g };
      });
      const urlPath = "/" + path.posix.dirname(file).replace(/^app\//, "").replace(/\[(\w+)\]/g, "{$1}");
      return { file, path: urlPath, operations };
    });
}
