// Every API route file declares its handlers through route() (lib/http/route.ts). A file that exports
// `GET`/`POST` itself would silently lose the JSON 405s, the request id and the params check, and Next
// would answer its undeclared methods with an empty 405 again.
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { routeFiles } from "../test/api-routes";

const root = fileURLToPath(new URL("../..", import.meta.url));

const METHODS = "GET|HEAD|OPTIONS|POST|PUT|PATCH|DELETE";

describe("API route files", () => {
  const files = routeFiles("app/api");

  it("exist (the scan looks in the right place)", () => {
    expect(files.length).toBeGreaterThan(10);
  });

  it.each(files)("%s exports every method through route()", (file) => {
    const source = readFileSync(path.join(root, file), "utf8");
    const exported = new RegExp(`export const \\{ *GET, *HEAD, *OPTIONS, *POST, *PUT, *PATCH, *DELETE *\\} *= *route\\(`);
    expect(source).toMatch(exported);
    // No handler exported on its own (export function GET / export const POST = ...).
    expect(source).not.toMatch(new RegExp(`export (async )?(function|const) (${METHODS})\\b`));
  });
});
