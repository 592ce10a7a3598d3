import { describe, expect, it } from "vitest";
import { filtersToApiQuery, filtersToSearch, readFilters, toggleSort } from "./list-filters";

describe("calls list filters", () => {
  it("round-trips the URL, dropping defaults and malformed dates", () => {
    const f = readFilters(new URLSearchParams("from=2026-11-01&to=nope&status=COMPLETED&q=%20parking%20&sort=cost&order=asc&junk=1"));
    expect(f).toMatchObject({ from: "2026-11-01", to: "", status: "COMPLETED", q: " parking ", sort: "cost", order: "asc" });
    expect(filtersToSearch(f)).toBe("from=2026-11-01&status=COMPLETED&q=parking&sort=cost&order=asc");
    expect(filtersToSearch(readFilters(new URLSearchParams("sort=bogus")))).toBe("");
  });

  it("sends the picked days as local midnights, the end day included", () => {
    const q = filtersToApiQuery(readFilters(new URLSearchParams("from=2026-12-31&to=2026-12-31&agentId=a1")));
    expect(q.get("from")).toBe(new Date(2026, 11, 31).toISOString());
    expect(q.get("to")).toBe(new Date(2027, 0, 1).toISOString());
    expect([...q.keys()]).toEqual(["from", "to", "agentId", "sort", "order"]);
  });

  it("flips the order on the same column and starts another descending", () => {
    const f = readFilters(new URLSearchParams("sort=duration&order=desc"));
    expect(toggleSort(f, "duration")).toEqual({ sort: "duration", order: "asc" });
    expect(toggleSort(f, "cost")).toEqual({ sort: "cost", order: "desc" });
  });
});
