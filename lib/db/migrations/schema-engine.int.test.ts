// prisma/migrations must produce exactly what schema.prisma describes: a schema change committed
// without its migration (or a hand edit the diff misreads) fails here, not in production.
// Runs the wasm schema engine with an in-memory PGlite shadow database (slow: seconds of initdb).
import { describe, expect, it } from "vitest";
import { diffSchemaSql } from "./schema-engine";

describe("diffSchemaSql", () => {
  it("finds no difference between prisma/migrations and prisma/schema.prisma", async () => {
    expect(await diffSchemaSql({ schemaPath: "prisma/schema.prisma", migrationsDir: "prisma/migrations" })).toBe("");
  }, 240_000);

  it("produces the full schema from an empty migrations directory", async () => {
    const sql = await diffSchemaSql({ schemaPath: "prisma/schema.prisma", migrationsDir: "/nonexistent/migrations" });
    expect(sql).toContain('CREATE TABLE "KnowledgeChunk"');
    // Diffed against a shadow database, as `prisma migrate dev` does, not against "empty".
    expect(sql).not.toContain("CREATE SCHEMA");
  }, 240_000);
});
