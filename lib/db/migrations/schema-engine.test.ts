// The one rewrite diffSchemaSql applies to the engine's output: Prisma mistakes a generated column's
// expression for a default and proposes dropping it; that clause must go, nothing else may change.
import { describe, expect, it } from "vitest";
import { dropGeneratedColumnDefaultDrops, dropTenantLinkDrops } from "./schema-engine";

const tsv = [{ table: "KnowledgeChunk", column: "tsv" }];

describe("dropGeneratedColumnDefaultDrops", () => {
  it("removes a block that only drops a generated column's 'default'", () => {
    const sql = `-- AlterTable\nALTER TABLE "KnowledgeChunk" ALTER COLUMN "tsv" DROP DEFAULT;\n`;
    expect(dropGeneratedColumnDefaultDrops(sql, tsv).trim()).toBe("");
  });

  it("keeps the other clauses of the same ALTER TABLE and the other blocks", () => {
    const sql =
      `-- AlterTable\nALTER TABLE "KnowledgeChunk" ADD COLUMN     "lang" TEXT,\nALTER COLUMN "tsv" DROP DEFAULT;\n\n` +
      `-- CreateIndex\nCREATE INDEX "x" ON "Agent"("name");\n`;
    expect(dropGeneratedColumnDefaultDrops(sql, tsv)).toBe(
      `-- AlterTable\nALTER TABLE "KnowledgeChunk" ADD COLUMN     "lang" TEXT;\n\n-- CreateIndex\nCREATE INDEX "x" ON "Agent"("name");\n`,
    );
  });

  it("leaves real default changes and other tables alone, byte for byte", () => {
    const sql =
      `-- AlterTable\nALTER TABLE "KnowledgeChunk" ALTER COLUMN "text" DROP DEFAULT;\n\n` +
      `-- AlterTable\nALTER TABLE "Other" ALTER COLUMN "tsv" DROP DEFAULT;\n`;
    expect(dropGeneratedColumnDefaultDrops(sql, tsv)).toBe(sql);
  });
});

describe("dropTenantLinkDrops", () => {
  it("removes only the proposals to drop the hand-written (id, tenantId) foreign keys", () => {
    const sql =
      `-- DropForeignKey\nALTER TABLE "Call" DROP CONSTRAINT "Call_agentId_tenant_fkey";\n\n` +
      `-- DropForeignKey\nALTER TABLE "Call" DROP CONSTRAINT "Call_agentId_fkey";\n\n` +
      `-- CreateIndex\nCREATE INDEX "x" ON "Agent"("name");\n`;
    expect(dropTenantLinkDrops(sql)).toBe(
      `-- DropForeignKey\nALTER TABLE "Call" DROP CONSTRAINT "Call_agentId_fkey";\n\n-- CreateIndex\nCREATE INDEX "x" ON "Agent"("name");\n`,
    );
  });

  it("returns other SQL byte for byte", () => {
    const sql = `-- CreateIndex\nCREATE INDEX "x" ON "Agent"("name");\n`;
    expect(dropTenantLinkDrops(sql)).toBe(sql);
  });
});
