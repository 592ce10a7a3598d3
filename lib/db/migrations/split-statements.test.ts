import { describe, expect, it } from "vitest";
import { splitStatements } from "./split-statements";

describe("splitStatements", () => {
  it("splits on semicolons and drops empty and comment-only pieces", () => {
    expect(splitStatements("-- frontdesk:no-transaction\nCREATE TABLE a (x int);\n\n-- note\nSELECT 1;;\n-- trailing\n")).toEqual([
      "-- frontdesk:no-transaction\nCREATE TABLE a (x int)",
      "-- note\nSELECT 1",
    ]);
  });

  it("keeps semicolons inside strings, identifiers, dollar quotes and comments", () => {
    const script = [
      `INSERT INTO t VALUES ('a;b', 'it''s;', E'x\\';y')`,
      `CREATE TABLE "odd;name" (x int)`,
      `CREATE FUNCTION f() RETURNS int AS $body$ BEGIN RETURN 1; END; $body$ LANGUAGE plpgsql`,
      `DO $$ BEGIN PERFORM 1; END $$`,
      `/* a; /* nested; */ still; */ SELECT 2 -- c;\n`,
    ];
    expect(splitStatements(script.join(";\n") + ";")).toEqual(script.map((s) => s.trim()));
  });

  it("does not read a $n parameter or a name with $ as a dollar quote", () => {
    expect(splitStatements("SELECT $1; SELECT a$b$ FROM t; SELECT 3")).toEqual(["SELECT $1", "SELECT a$b$ FROM t", "SELECT 3"]);
  });
});
