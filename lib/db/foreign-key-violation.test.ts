// Foreign-key violations as the drivers report them (shapes captured from adapter-pg on PostgreSQL 15)
// become a 404 naming the field, or a 409 when a delete hits a row still referenced.
import { describe, expect, it } from "vitest";
import { errorResponse } from "../http/error-response";
import { foreignKeyViolation } from "./foreign-key-violation";

const adapterCause = (constraint: string, message: string) => ({
  driverAdapterError: { name: "DriverAdapterError", cause: { originalCode: "23503", originalMessage: message, kind: "ForeignKeyConstraintViolation", constraint: { index: constraint } } },
});
const insertMsg = (table: string, c: string) => `insert or update on table "${table}" violates foreign key constraint "${c}"`;

describe("foreignKeyViolation", () => {
  it("maps a Prisma P2003 on a tenant link to NOT_FOUND naming the column", async () => {
    const err = Object.assign(new Error("Foreign key constraint violated"), {
      code: "P2003",
      meta: { modelName: "PhoneNumber", ...adapterCause("PhoneNumber_agentId_tenant_fkey", insertMsg("PhoneNumber", "PhoneNumber_agentId_tenant_fkey")) },
    });
    expect(foreignKeyViolation(err)).toMatchObject({ code: "NOT_FOUND", field: "agentId", message: "Agent not found" });
    const res = errorResponse(err);
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: { code: "NOT_FOUND", message: "Agent not found", field: "agentId" } });
  });

  it("maps raw-query (P2010) and plain pg errors (23503) the same way", () => {
    const raw = { code: "P2010", meta: adapterCause("Call_phoneNumberId_tenant_fkey", insertMsg("Call", "Call_phoneNumberId_tenant_fkey")) };
    expect(foreignKeyViolation(raw)).toMatchObject({ code: "NOT_FOUND", field: "phoneNumberId", message: "Phone number not found" });
    const pgError = Object.assign(new Error(insertMsg("KnowledgeChunk", "KnowledgeChunk_documentId_tenant_fkey")), {
      code: "23503",
      constraint: "KnowledgeChunk_documentId_tenant_fkey",
    });
    expect(foreignKeyViolation(pgError)).toMatchObject({ code: "NOT_FOUND", field: "documentId", message: "Document not found" });
  });

  it("says CONFLICT when a delete hits a row that is still referenced", () => {
    const err = { code: "P2003", meta: adapterCause("Thing_parentId_fkey", 'update or delete on table "Parent" violates foreign key constraint "Thing_parentId_fkey" on table "Thing"') };
    expect(foreignKeyViolation(err)).toMatchObject({ code: "CONFLICT" });
  });

  it("leaves other errors alone", () => {
    expect(foreignKeyViolation({ code: "P2002" })).toBeNull();
    expect(foreignKeyViolation(new Error("boom"))).toBeNull();
    expect(foreignKeyViolation(null)).toBeNull();
  });
});
