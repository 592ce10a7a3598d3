import { describe, expect, it } from "vitest";
import { z } from "zod";
import { AppError } from "../errors";
import { getLogger, setLogDestination } from "../logger";
import { route } from "./route";

const req = (method: string, headers: Record<string, string> = {}) => new Request("http://localhost:3000/api/v1/things/x", { method, headers });
const ctx = (params: Record<string, unknown>) => ({ params: Promise.resolve(params) });

describe("route()", () => {
  const handlers = route({ GET: () => Response.json({ data: "got" }), POST: () => Response.json({ data: "posted" }, { status: 201 }) });

  it("answers undeclared methods with a JSON 405 and an Allow header", async () => {
    for (const method of ["PUT", "PATCH", "DELETE"] as const) {
      const res = await handlers[method](req(method));
      expect(res.status).toBe(405);
      expect(res.headers.get("allow")).toBe("GET, HEAD, OPTIONS, POST");
      expect(await res.json()).toEqual({ error: { code: "METHOD_NOT_ALLOWED", message: expect.stringContaining(method) } });
    }
  });

  it("serves HEAD with GET, OPTIONS with the Allow list, and a GET-less route's HEAD with 405", async () => {
    expect((await handlers.HEAD(req("HEAD"))).status).toBe(200);
    const options = await handlers.OPTIONS(req("OPTIONS"));
    expect(options.status).toBe(204);
    expect(options.headers.get("allow")).toBe("GET, HEAD, OPTIONS, POST");
    const postOnly = route({ POST: () => new Response(null, { status: 204 }) });
    const head = await postOnly.HEAD(req("HEAD"));
    expect(head.status).toBe(405);
    expect(head.headers.get("allow")).toBe("OPTIONS, POST");
  });

  it("gives every response a request id, keeping a safe incoming one", async () => {
    const generated = (await handlers.GET(req("GET"))).headers.get("x-request-id");
    expect(generated).toMatch(/^[0-9a-f-]{36}$/);
    expect((await handlers.GET(req("GET", { "x-request-id": "lb-1234abcd" }))).headers.get("x-request-id")).toBe("lb-1234abcd");
    const unsafe = (await handlers.GET(req("GET", { "x-request-id": "evil\"id; <script>" }))).headers.get("x-request-id");
    expect(unsafe).toMatch(/^[0-9a-f-]{36}$/);
    const error = await handlers.PUT(req("PUT", { "x-request-id": "req-err-0001" }));
    expect(error.headers.get("x-request-id")).toBe("req-err-0001");
  });

  it("puts the request id on every log line written while handling the request", async () => {
    const lines: Record<string, unknown>[] = [];
    setLogDestination({ write: (line: string) => void lines.push(JSON.parse(line)) });
    const logging = route({
      GET: async () => {
        getLogger("agents").info("inside the handler");
        await new Promise((resolve) => setTimeout(resolve, 1));
        getLogger("agents").info("after an await");
        throw new Error("boom"); // logged by the error mapper, same id
      },
    });
    const res = await logging.GET(req("GET", { "x-request-id": "trace-abc-123" }));
    expect(res.status).toBe(500);
    getLogger("agents").info("outside any request");
    expect(lines.map((l) => [l.msg, l.requestId])).toEqual([
      ["inside the handler", "trace-abc-123"],
      ["after an await", "trace-abc-123"],
      ["unhandled error", "trace-abc-123"],
      ["outside any request", undefined],
    ]);
  });

  it("refuses control characters in params with 422 naming the param, and ids that cannot exist with 404", async () => {
    const seen: unknown[] = [];
    const item = route(
      { GET: async (_req, c) => (seen.push(await c.params), Response.json({ ok: true })) },
      { params: z.object({ id: z.string().regex(/^[a-z0-9]{8,40}$/) }) },
    );
    const nul = await item.GET(req("GET"), ctx({ id: "\u0000" }));
    expect(nul.status).toBe(422);
    expect((await nul.json()).error).toMatchObject({ code: "VALIDATION_FAILED", field: "id" });
    const catchAll = await item.GET(req("GET"), ctx({ path: ["v1", "a\u0001"] }));
    expect((await catchAll.json()).error.field).toBe("path");
    const malformed = await item.GET(req("GET"), ctx({ id: "../../etc" }));
    expect(malformed.status).toBe(404);
    expect((await malformed.json()).error.code).toBe("NOT_FOUND");
    expect(seen).toEqual([]);
    expect((await item.GET(req("GET"), ctx({ id: "cm1234567890abcd" }))).status).toBe(200);
    expect(seen).toEqual([{ id: "cm1234567890abcd" }]);
  });

  it("maps errors that escape a handler to the JSON error shape", async () => {
    const failing = route({ DELETE: () => Promise.reject(new AppError("NOT_FOUND", "Agent not found")) });
    const res = await failing.DELETE(req("DELETE"));
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: { code: "NOT_FOUND", message: "Agent not found" } });
  });
});
