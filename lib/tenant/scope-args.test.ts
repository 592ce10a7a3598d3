// The rewrite rules of scopedDb(), operation by operation, without a database.
import { describe, expect, it } from "vitest";
import { CrossTenantQueryError, scopeArgs } from "./scope-args";
import { TENANT_MODELS } from "./tenant-models";

const A = "tenant_a";
const B = "tenant_b";

describe("tenant-owned models", () => {
  it("are every model with a tenantId column, read from the generated client", () => {
    for (const m of ["Agent", "PhoneNumber", "KnowledgeDocument", "KnowledgeChunk", "FaqEntry", "Call", "CallTurn", "CallEvent", "Message", "WebhookEndpoint", "WebhookDelivery", "UsageRecord", "Subscription", "AuditLog", "Membership", "Invite", "ApiKey"]) {
      expect(TENANT_MODELS.has(m), m).toBe(true);
    }
    for (const m of ["Tenant", "User", "UserSession", "AuthThrottle", "RateLimitBucket", "Job", "JobSchedule"]) {
      expect(TENANT_MODELS.has(m), m).toBe(false);
    }
  });
});

describe("scopeArgs", () => {
  it("adds the tenant to every filtered read, keeping the caller's filter", () => {
    for (const op of ["findMany", "findFirst", "findFirstOrThrow", "count", "aggregate", "groupBy", "updateMany", "deleteMany"]) {
      expect(scopeArgs(A, "Agent", op, {}).where, op).toEqual({ tenantId: A });
      expect(scopeArgs(A, "Agent", op, { where: { name: "x" } }).where, op).toEqual({ AND: [{ name: "x" }, { tenantId: A }] });
    }
    expect(scopeArgs(A, "Agent", "findMany", undefined)).toEqual({ where: { tenantId: A } });
  });

  it("scopes lookups by unique key, so an id alone never reaches another tenant's row", () => {
    for (const op of ["findUnique", "findUniqueOrThrow", "update", "delete", "upsert"]) {
      expect(scopeArgs(A, "Agent", op, { where: { id: "x" } }).where, op).toEqual({ id: "x", tenantId: A });
    }
    expect(scopeArgs(A, "Agent", "findUnique", { where: { id_tenantId: { id: "x", tenantId: A } } }).where).toEqual({
      id_tenantId: { id: "x", tenantId: A },
      tenantId: A,
    });
  });

  it("fills tenantId into created rows, one or many", () => {
    expect(scopeArgs(A, "Agent", "create", { data: { name: "x" } }).data).toEqual({ name: "x", tenantId: A });
    expect(scopeArgs(A, "Agent", "create", { data: { name: "x", tenantId: A } }).data).toEqual({ name: "x", tenantId: A });
    expect(scopeArgs(A, "Agent", "createMany", { data: [{ name: "x" }, { name: "y" }] }).data).toEqual([
      { name: "x", tenantId: A },
      { name: "y", tenantId: A },
    ]);
    expect(scopeArgs(A, "Agent", "createManyAndReturn", { data: { name: "x" } }).data).toEqual({ name: "x", tenantId: A });
    const upsert = scopeArgs(A, "Agent", "upsert", { where: { id: "x" }, create: { name: "x" }, update: { name: "y" } });
    expect(upsert).toEqual({ where: { id: "x", tenantId: A }, create: { name: "x", tenantId: A }, update: { name: "y" } });
  });

  it("does not change the caller's args object", () => {
    const args = { where: { id: "x" }, data: { name: "y" } };
    scopeArgs(A, "Agent", "update", args);
    expect(args).toEqual({ where: { id: "x" }, data: { name: "y" } });
  });

  it("refuses a query that names another tenant or moves a row", () => {
    const refused: [string, Record<string, unknown>][] = [
      ["create", { data: { name: "x", tenantId: B } }],
      ["createMany", { data: [{ name: "x" }, { name: "y", tenantId: B }] }],
      ["create", { data: { name: "x", tenant: { connect: { id: B } } } }],
      ["upsert", { where: { id: "x" }, create: { tenantId: B }, update: {} }],
      ["update", { where: { id: "x" }, data: { tenantId: B } }],
      ["updateMany", { data: { tenant: { connect: { id: B } } } }],
      ["findMany", { where: { tenantId: B } }],
      ["findUnique", { where: { id_tenantId: { id: "x", tenantId: B } } }],
      ["deleteMany", { where: { tenantId: B } }],
      ["someFutureOperation", {}],
    ];
    for (const [op, args] of refused) {
      expect(() => scopeArgs(A, "Agent", op, args), `${op} ${JSON.stringify(args)}`).toThrow(CrossTenantQueryError);
    }
  });

  it("shows a scoped client only its own workspace row, and no platform tables but the job queue", () => {
    expect(scopeArgs(A, "Tenant", "findUnique", { where: { slug: "acme" } }).where).toEqual({ slug: "acme", id: A });
    expect(scopeArgs(A, "Tenant", "findMany", {}).where).toEqual({ id: A });
    expect(() => scopeArgs(A, "Tenant", "findUnique", { where: { id: B } })).toThrow(CrossTenantQueryError);
    expect(() => scopeArgs(A, "Tenant", "create", { data: {} })).toThrow(CrossTenantQueryError);
    expect(() => scopeArgs(A, "Tenant", "delete", { where: { id: A } })).toThrow(CrossTenantQueryError);
    expect(() => scopeArgs(A, "User", "findMany", {})).toThrow(/platformDb/);
    expect(() => scopeArgs(A, "AuthThrottle", "deleteMany", {})).toThrow(CrossTenantQueryError);
    expect(scopeArgs(A, "Job", "create", { data: { name: "n" } })).toEqual({ data: { name: "n" } });
  });
});
