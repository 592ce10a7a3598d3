import { describe, expect, it } from "vitest";
import { z } from "zod";
import { AppError } from "../errors";
import { errorResponse } from "./error-response";

describe("error mapping", () => {
  it("maps AppError to its status and stable code", async () => {
    const res = errorResponse(new AppError("NOT_FOUND", "Agent not found"));
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: { code: "NOT_FOUND", message: "Agent not found" } });
  });

  it("maps a ZodError to 422 naming the field path", async () => {
    const err = z.object({ hours: z.object({ monday: z.array(z.string()) }) }).safeParse({ hours: { monday: [1] } }).error;
    const res = errorResponse(err);
    expect(res.status).toBe(422);
    expect((await res.json()).error).toMatchObject({ code: "VALIDATION_FAILED", field: "hours.monday.0" });
  });

  it("hides internals of unknown errors", async () => {
    const res = errorResponse(new Error("connection string postgres://secret@db"));
    expect(res.status).toBe(500);
    const body = await res.json();
    expect(body.error.code).toBe("INTERNAL");
    expect(JSON.stringify(body)).not.toContain("secret");
  });
});

describe("error mapping of unknown keys and database errors", () => {
  it("names the unknown key of a strict object, nested too", async () => {
    const schema = z.strictObject({ name: z.string(), hours: z.strictObject({ monday: z.string() }) });
    const top = errorResponse(schema.safeParse({ name: "a", hours: { monday: "x" }, tenantId: "t" }).error);
    expect(top.status).toBe(422);
    expect((await top.json()).error).toMatchObject({ code: "VALIDATION_FAILED", field: "tenantId", message: expect.stringMatching(/unknown field/) });
    const nested = errorResponse(schema.safeParse({ name: "a", hours: { monday: "x", funday: "y" } }).error);
    expect((await nested.json()).error.field).toBe("hours.funday");
  });

  it("maps a unique violation to 409 and text PostgreSQL refuses to 422, not 500", async () => {
    expect(errorResponse({ code: "P2002", meta: { target: ["email"] } }).status).toBe(409);
    const nul = { code: "P2039", meta: { driverAdapterError: { cause: { originalCode: "22021" } } } };
    const res = errorResponse(nul);
    expect(res.status).toBe(422);
    expect((await res.json()).error.code).toBe("VALIDATION_FAILED");
  });
});
