// Starting a TypeScript worker thread, from tsx, vitest, and the Next.js server bundle alike.
// Node ≥ 20.6 does not apply tsx's loader (--import tsx, inherited or not) to a worker's entry file
// (tsx issue #354), so the worker starts as a one-line script that imports the .ts file through tsx's
// tsImport API. Inside the Next.js bundle, import.meta.url names a compiled chunk and require.resolve
// answers module ids, so both the source folder and tsx are found from the project root instead
// (the server always runs from it: npm run dev / npm start).
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const HERE = "lib/providers/speech/local";

function sourceDir(): string {
  const url = import.meta.url;
  if (url.startsWith("file:")) {
    const dir = dirname(fileURLToPath(url)); // not new URL(".", …): bundlers rewrite that form
    if (existsSync(join(dir, "ts-worker.ts"))) return dir;
  }
  return join(process.cwd(), HERE);
}

/** The `eval` source of a Worker that runs `file` (a .ts file in this folder). */
export function tsWorkerBootstrap(file: string): string {
  const entry = join(sourceDir(), file);
  if (!existsSync(entry)) throw new Error(`worker entry ${entry} not found (start the server from the project root)`);
  const api = join(process.cwd(), "node_modules/tsx/dist/esm/api/index.mjs");
  const fallback = join(sourceDir(), "../../../../node_modules/tsx/dist/esm/api/index.mjs");
  const tsx = existsSync(api) ? api : fallback;
  if (!existsSync(tsx)) throw new Error(`tsx's ESM API is not at ${api} (tsx version changed?)`);
  const [apiUrl, entryUrl] = [JSON.stringify(pathToFileURL(tsx).href), JSON.stringify(pathToFileURL(entry).href)];
  return `import(${apiUrl}).then(({ tsImport }) => tsImport(${entryUrl}, ${entryUrl}))`;
}
