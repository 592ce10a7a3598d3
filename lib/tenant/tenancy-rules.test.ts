// Rules that keep tenancy hard to forget, checked on the source tree:
//  - domain services take the TenantScope first, reads included (one convention for every service);
//  - outside the platform folders nobody takes the unscoped client with getDb(): tenant data goes
//    through scopedDb(scope), platform work says so with platformDb(reason);
//  - domain code does not write tenant filters by hand (the scoped client adds them).
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../..", import.meta.url));

// Where the unscoped client may be taken directly: its definition, tenancy itself (session
// resolution finds the tenant), authentication (users, throttles), super-admin work across
// workspaces, health checks and test support.
const PLATFORM_DIRS = ["lib/db/", "lib/tenant/", "lib/auth/", "lib/admin/", "lib/health/", "lib/test/"];
// Folders that are not one domain's data: infrastructure.
const NON_DOMAIN_DIRS = [...PLATFORM_DIRS, "lib/http/", "lib/providers/", "lib/jobs/", "lib/billing/"];

function sourceFiles(dir: string): string[] {
  const abs = path.join(root, dir);
  return readdirSync(abs).flatMap((name) => {
    const rel = path.posix.join(dir, name);
    if (name === "node_modules" || name === "generated" || name.startsWith(".")) return [];
    if (statSync(path.join(root, rel)).isDirectory()) return sourceFiles(rel);
    return /\.(ts|tsx)$/.test(name) && !/\.test\.tsx?$/.test(name) ? [rel] : [];
  });
}

const files = ["app", "lib", "server"].flatMap(sourceFiles);
// Code only: comment lines may mention getDb() or tenantId freely.
const read = (f: string) =>
  readFileSync(path.join(root, f), "utf8")
    .split("\n")
    .filter((line) => !/^\s*(\/\/|\*|\/\*)/.test(line))
    .join("\n");
const under = (f: string, dirs: string[]) => dirs.some((d) => f.startsWith(d));

describe("tenancy rules", () => {
  it("domain services take the TenantScope as their first parameter", () => {
    const services = files.filter((f) => /^lib\/[^/]+\/service\.ts$/.test(f));
    expect(services.length).toBeGreaterThan(0);
    const offenders: string[] = [];
    for (const f of services) {
      for (const m of read(f).matchAll(/export async function (\w+)\(\s*([^)]*)\)/g)) {
        if (!/^scope: TenantScope\b/.test(m[2]!.trim())) offenders.push(`${f}: ${m[1]}(${m[2]!.trim().split(",")[0]})`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it("only platform folders take the unscoped client with getDb()", () => {
    const offenders = files.filter((f) => !under(f, PLATFORM_DIRS) && /\bgetDb\(/.test(read(f)));
    expect(offenders).toEqual([]);
  });

  it("domain code leaves the tenant filter to scopedDb()", () => {
    // `tenantId: scope.tenantId`, `tenantId: tenantId`, `{ tenantId }` in a where or data object.
    const byHand = /\btenantId\s*:\s*[\w.]*\btenantId\b|[{,]\s*tenantId\s*[,}]/;
    const offenders = files.filter((f) => f.startsWith("lib/") && !under(f, NON_DOMAIN_DIRS) && byHand.test(read(f)));
    expect(offenders).toEqual([]);
  });
});
