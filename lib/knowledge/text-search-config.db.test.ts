// Every configuration tsConfigFor() may return exists in this database (run on PostgreSQL and PGlite):
// an unknown name would fail the ::regconfig cast of every insert and query.
import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { TS_CONFIGS, tsConfigFor } from "./text-search-config";

describe("text search configurations", () => {
  it("exist in pg_ts_config", async () => {
    const rows = await getDb().$queryRaw<{ cfgname: string }[]>`SELECT cfgname FROM pg_ts_config`;
    const present = new Set(rows.map((r) => r.cfgname));
    expect(TS_CONFIGS.filter((c) => !present.has(c))).toEqual([]);
  });

  it("stem in the language asked for", async () => {
    const [row] = await getDb().$queryRaw<{ en: string; es: string; de: string; simple: string }[]>`
      SELECT to_tsvector(${tsConfigFor("en-US")}::regconfig, 'refunds')::text AS en,
             to_tsvector(${tsConfigFor("es")}::regconfig, 'devoluciones')::text AS es,
             to_tsvector(${tsConfigFor("de-AT")}::regconfig, 'Rückerstattungen')::text AS de,
             to_tsvector(${tsConfigFor("xx")}::regconfig, 'Refunds')::text AS simple`;
    expect(row).toEqual({ en: "'refund':1", es: "'devolu':1", de: "'ruckerstatt':1", simple: "'refunds':1" });
  });
});
