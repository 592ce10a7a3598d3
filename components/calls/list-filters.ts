// The calls list's filters as they live in the page's URL, and the API query they become. Dates in the
// URL are the days the user picked (both inclusive, in the browser's time zone); the API gets instants:
// the first day's local midnight and, its `to` being exclusive, the midnight after the last day.
export type CallSortKey = "started_at" | "duration" | "cost";
export type CallFilters = {
  from: string;
  to: string;
  agentId: string;
  status: string;
  direction: string;
  q: string;
  sort: CallSortKey;
  order: "asc" | "desc";
};

const KEYS = ["from", "to", "agentId", "status", "direction", "q"] as const;
const SORTS: CallSortKey[] = ["started_at", "duration", "cost"];
const DAY = /^\d{4}-\d{2}-\d{2}$/;

export function readFilters(params: URLSearchParams): CallFilters {
  const f = Object.fromEntries(KEYS.map((k) => [k, params.get(k) ?? ""])) as Omit<CallFilters, "sort" | "order">;
  const sort = SORTS.find((s) => s === params.get("sort")) ?? "started_at";
  return {
    ...f,
    from: DAY.test(f.from) ? f.from : "",
    to: DAY.test(f.to) ? f.to : "",
    sort,
    order: params.get("order") === "asc" ? "asc" : "desc",
  };
}

/** The page URL's query: defaults left out, so a clean list has a clean URL. */
export function filtersToSearch(f: CallFilters): string {
  const p = new URLSearchParams();
  for (const k of KEYS) if (f[k].trim()) p.set(k, f[k].trim());
  if (f.sort !== "started_at") p.set("sort", f.sort);
  if (f.order !== "desc") p.set("order", f.order);
  return p.toString();
}

/** Local midnight starting `day` (+ `plusDays`), as an ISO instant. */
function localMidnight(day: string, plusDays = 0): string {
  const d = new Date(`${day}T00:00:00`); // no offset: local time
  d.setDate(d.getDate() + plusDays);
  return d.toISOString();
}

/** GET /api/v1/calls (and its CSV export) query for these filters, without limit or cursor. */
export function filtersToApiQuery(f: CallFilters): URLSearchParams {
  const p = new URLSearchParams();
  if (f.from) p.set("from", localMidnight(f.from));
  if (f.to) p.set("to", localMidnight(f.to, 1));
  for (const k of ["agentId", "status", "direction", "q"] as const) if (f[k].trim()) p.set(k, f[k].trim());
  p.set("sort", f.sort);
  p.set("order", f.order);
  return p;
}

/** Clicking a column header: the same column flips its order, another starts descending. */
export function toggleSort(f: CallFilters, sort: CallSortKey): Pick<CallFilters, "sort" | "order"> {
  return f.sort === sort ? { sort, order: f.order === "desc" ? "asc" : "desc" } : { sort, order: "desc" };
}
