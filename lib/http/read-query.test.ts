import { describe, expect, it } from "vitest";
import { z } from "zod";
import { toAppError } from "./error-response";
import { readQuery } from "./read-query";

const schema = z.strictObject({ q: z.string().optional(), n: z.coerce.number().int().optional() });
const req = (query: string) => new Request(`http://localhost/x${query}`);
const fail = (query: string) => {
  try {
    readQuery(req(query), schema);
  } catch (err) {
    return toAppError(err);
  }
  throw new Error(`expected ${query} to be refused`);
};

describe("readQuery", () => {
  it("parses the query string with the schema", () => {
    expect(readQuery(req("?q=hi%20there&n=3"), schema)).toEqual({ q: "hi there", n: 3 });
    expect(readQuery(req(""), schema)).toEqual({});
  });

  it("names a repeated, unknown, invalid or control-character parameter", () => {
    expect(fail("?q=a&q=b")).toMatchObject({ code: "VALIDATION_FAILED", field: "q" });
    expect(fail("?other=1")).toMatchObject({ code: "VALIDATION_FAILED", field: "other" });
    expect(fail("?n=x")).toMatchObject({ code: "VALIDATION_FAILED", field: "n" });
    expect(fail("?q=%00")).toMatchObject({ code: "VALIDATION_FAILED", field: "q" });
  });
});
