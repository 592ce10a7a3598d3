// ESLint rule: a file that starts with "use client" is bundled for the browser, so it must not import
// server modules: the database client, vendor providers, env and secrets, the server side of auth,
// Node builtins, or anything that says `import "server-only"` (Next.js turns that into a build error,
// but only for what the bundle actually reaches; this says so at the import, in the editor).
// Type-only imports are erased at compile time and always allowed.
import { readFileSync, statSync } from "node:fs";
import { builtinModules } from "node:module";
import path from "node:path";

// Directories and files that are server code as a whole (a module elsewhere says so with `import "server-only"`).
const DEFAULT_SERVER_PATHS = ["lib/db", "lib/providers", "lib/env.ts", "lib/auth", "lib/jobs", "lib/health", "lib/logger.ts", "server", "prisma"];
const DEFAULT_SERVER_PACKAGES = ["server-only", "pg", "ioredis", "bullmq", "pino", "ws", "@prisma/client", "@prisma/adapter-pg", "@electric-sql/pglite"];
const EXTENSIONS = ["", ".ts", ".tsx", ".mts", ".js", ".mjs", "/index.ts", "/index.tsx", "/index.js"];
const SERVER_ONLY_IMPORT = /^\s*import\s+["']server-only["'];?/m;

const builtins = new Set(builtinModules);
const serverOnlyCache = new Map();

function isUseClient(program) {
  for (const node of program.body) {
    if (node.type !== "ExpressionStatement" || typeof node.directive !== "string") return false;
    if (node.directive === "use client") return true;
  }
  return false;
}

function packageName(source) {
  const parts = source.split("/");
  return source.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0];
}

/** The file an import points at inside the project, or undefined for a package. */
function resolveLocal(source, filename, root) {
  let base;
  if (source.startsWith("./") || source.startsWith("../")) base = path.resolve(path.dirname(filename), source);
  else if (source.startsWith("@/")) base = path.resolve(root, source.slice(2));
  else return undefined;
  return EXTENSIONS.map((ext) => base + ext).find(isFile) ?? base; // not on disk: judged by its path
}

function isFile(file) {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

function declaresServerOnly(file) {
  let key;
  try {
    key = `${file}@${statSync(file).mtimeMs}`; // an editor session lints the same file many times
  } catch {
    return false; // missing: judged by its path alone
  }
  if (!serverOnlyCache.has(key)) serverOnlyCache.set(key, SERVER_ONLY_IMPORT.test(readFileSync(file, "utf8")));
  return serverOnlyCache.get(key);
}

/** `rel` is the path `p` (with or without extension) or inside the directory `p`. */
function within(rel, p) {
  const strip = (s) => s.replace(/\.[cm]?[jt]sx?$/, "");
  return rel.startsWith(`${p}/`) || strip(rel) === strip(p);
}

/** Why `source` is server-only, or undefined when a client component may import it. */
function serverReason(source, filename, options) {
  if (source.startsWith("node:") || builtins.has(source)) return "a Node.js builtin";
  const file = resolveLocal(source, filename, options.root);
  if (!file) return options.serverPackages.includes(packageName(source)) ? "a server package" : undefined;
  const rel = path.relative(options.root, file).split(path.sep).join("/");
  if (options.allow.some((p) => within(rel, p))) return undefined;
  const hit = options.serverPaths.find((p) => within(rel, p));
  if (hit) return `under ${hit}`;
  if (declaresServerOnly(file)) return 'it imports "server-only"';
  return undefined;
}

/** @type {import("eslint").Rule.RuleModule} */
const rule = {
  meta: {
    type: "problem",
    docs: { description: 'Keep server modules out of "use client" files' },
    schema: [
      {
        type: "object",
        properties: {
          root: { type: "string" },
          serverPaths: { type: "array", items: { type: "string" } },
          serverPackages: { type: "array", items: { type: "string" } },
          allow: { type: "array", items: { type: "string" } },
        },
        additionalProperties: false,
      },
    ],
    messages: {
      serverImport:
        '"{{source}}" is server-only ({{reason}}) and this file is a client component ("use client"). ' +
        "Fetch the data through an API route or a server component, or import a client-safe module.",
    },
  },
  create(context) {
    const given = context.options[0] ?? {};
    const options = {
      root: path.resolve(given.root ?? context.cwd),
      serverPaths: given.serverPaths ?? DEFAULT_SERVER_PATHS,
      serverPackages: given.serverPackages ?? DEFAULT_SERVER_PACKAGES,
      allow: given.allow ?? [],
    };
    let client = false;
    const check = (node, source, typeOnly) => {
      if (!client || typeOnly || typeof source !== "string") return;
      const reason = serverReason(source, context.filename, options);
      if (reason) context.report({ node, messageId: "serverImport", data: { source, reason } });
    };
    return {
      Program(program) {
        client = isUseClient(program);
      },
      ImportDeclaration(node) {
        const typeOnly = node.importKind === "type" || (node.specifiers.length > 0 && node.specifiers.every((s) => s.importKind === "type"));
        check(node, node.source.value, typeOnly);
      },
      ExportNamedDeclaration(node) {
        if (node.source) check(node, node.source.value, node.exportKind === "type");
      },
      ExportAllDeclaration(node) {
        check(node, node.source.value, node.exportKind === "type");
      },
      ImportExpression(node) {
        if (node.source.type === "Literal") check(node, node.source.value, false);
      },
    };
  },
};

export default rule;
