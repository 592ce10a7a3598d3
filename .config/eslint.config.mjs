// ESLint 9 flat config: Next.js core-web-vitals and TypeScript rules, plus one local rule that keeps
// server modules out of client components. `npm run lint`; CI counts it as one check.
import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";
import noServerImportInClient from "./eslint-rules/no-server-import-in-client.mjs";

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  globalIgnores([
    ".next/**",
    ".data/**",
    ".test-data/**",
    ".test-results/**",
    "test-results/**",
    "playwright-report/**",
    "node_modules/**",
    "lib/db/generated/**", // Prisma's output (committed, checked against the schema by a test)
    "next-env.d.ts",
  ]),
  {
    plugins: { frontdesk: { rules: { "no-server-import-in-client": noServerImportInClient } } },
    rules: {
      "frontdesk/no-server-import-in-client": "error",
      // Off: our window.location.assign calls are deliberate full reloads when the session changes
      // (signed in, signed out, suspended), so no client cache of the old session survives.
      "@next/next/no-location-assign-relative-destination": "off",
      // `_`-prefixed names are deliberately unused (a required parameter position, a rest sibling).
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none", ignoreRestSiblings: true }],
    },
  },
  {
    // Playwright fixtures receive a callback named `use`; it is not React's use() hook.
    files: ["e2e/**"],
    rules: { "react-hooks/rules-of-hooks": "off" },
  },
]);
