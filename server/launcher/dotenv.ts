// Loads .env files into the launcher's own environment before anything reads it, in Next.js's order
// and precedence, so the voice server and the worker see the same configuration as the app (Next
// loads these files only into its own process). Variables already set in the shell always win.
import { readFileSync } from "node:fs";
import path from "node:path";
import { parseEnv } from "node:util";

export function loadDotenvFiles(root: string, mode: "development" | "production"): string[] {
  const files = [`.env.${mode}.local`, ".env.local", `.env.${mode}`, ".env"];
  const loaded: string[] = [];
  for (const file of files) {
    let text: string;
    try {
      text = readFileSync(path.join(root, file), "utf8");
    } catch {
      continue;
    }
    for (const [key, value] of Object.entries(parseEnv(text))) {
      if (process.env[key] === undefined) process.env[key] = value;
    }
    loaded.push(file);
  }
  return loaded;
}
