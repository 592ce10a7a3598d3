// The rule against fixture files in a temporary project: one module that says `import "server-only"`,
// one that does not, and paths under the configured server directories.
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { RuleTester } from "eslint";
import tseslint from "typescript-eslint";
import { afterAll, describe, it } from "vitest";
import rule from "./no-server-import-in-client.mjs";

RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;
RuleTester.afterAll = afterAll;

const root = mkdtempSync(path.join(tmpdir(), "frontdesk-eslint-rule-"));
const write = (rel: string, text: string) => {
  mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
  writeFileSync(path.join(root, rel), text);
};
write("lib/billing/secret-prices.ts", 'import "server-only";\nexport const PRICE = 1;\n');
write("lib/agents/options.ts", "export const LANGUAGES = [];\n");
write("lib/db/client.ts", "export const db = {};\n");

const filename = path.join(root, "components/agents/agent-form.tsx");
const options = [{ root }];
const tester = new RuleTester({
  languageOptions: { parser: tseslint.parser, parserOptions: { ecmaFeatures: { jsx: true } } },
});
const client = (code: string) => `"use client";\n${code}`;
const error = (source: string, reason: string) => ({
  message:
    `"${source}" is server-only (${reason}) and this file is a client component ("use client"). ` +
    "Fetch the data through an API route or a server component, or import a client-safe module.",
});

tester.run("no-server-import-in-client", rule, {
  valid: [
    // client-safe modules, by alias and relative path, and ordinary packages
    { filename, options, code: client('import { LANGUAGES } from "@/lib/agents/options";\nimport { useState } from "react";') },
    { filename, options, code: client('import { LANGUAGES } from "../../lib/agents/options";') },
    // type-only imports are erased
    { filename, options, code: client('import type { Db } from "@/lib/db/client";\nimport { type Env } from "@/lib/env";') },
    // a server component (no directive) may import anything
    { filename, options, code: 'import { db } from "@/lib/db/client";\nimport { readFile } from "node:fs/promises";' },
    // the directive must come first: later it is just a string
    { filename, options, code: 'import { db } from "@/lib/db/client";\n"use client";' },
    // an explicit allow-list entry wins
    { filename, options: [{ root, allow: ["lib/db/client.ts"] }], code: client('import { db } from "@/lib/db/client";') },
  ],
  invalid: [
    { filename, options, code: client('import { db } from "@/lib/db/client";'), errors: [error("@/lib/db/client", "under lib/db")] },
    { filename, options, code: client('import { db } from "../../lib/db/client";'), errors: [error("../../lib/db/client", "under lib/db")] },
    { filename, options, code: client('import { getEnv } from "@/lib/env";'), errors: [error("@/lib/env", "under lib/env.ts")] },
    { filename, options, code: client('import { createLlm } from "@/lib/providers/llm";'), errors: [error("@/lib/providers/llm", "under lib/providers")] },
    { filename, options, code: client('import { getAuthOptions } from "@/lib/auth/options";'), errors: [error("@/lib/auth/options", "under lib/auth")] },
    { filename, options, code: client('import { PRICE } from "@/lib/billing/secret-prices";'), errors: [error("@/lib/billing/secret-prices", 'it imports "server-only"')] },
    { filename, options, code: client('import { readFile } from "node:fs/promises";'), errors: [error("node:fs/promises", "a Node.js builtin")] },
    { filename, options, code: client('import crypto from "crypto";'), errors: [error("crypto", "a Node.js builtin")] },
    { filename, options, code: client('import pg from "pg";'), errors: [error("pg", "a server package")] },
    { filename, options, code: client('export { db } from "@/lib/db/client";'), errors: [error("@/lib/db/client", "under lib/db")] },
    { filename, options, code: client('const m = await import("@/lib/db/client");'), errors: [error("@/lib/db/client", "under lib/db")] },
    // single quotes and a leading comment do not hide the directive
    { filename, options, code: `// a form\n'use client';\nimport { db } from "@/lib/db/client";`, errors: [error("@/lib/db/client", "under lib/db")] },
  ],
});
