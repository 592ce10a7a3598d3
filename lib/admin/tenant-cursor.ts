// The opaque cursor of the admin tenants list: the sort it was made for and the (sort key, id) of a
// page's last row, base64url. Like the calls cursor, it only continues the walk it came from.
import { AppError } from "../errors";
import { resourceId } from "../http/params";
import { TENANT_SORTS, type TenantSort } from "./tenants-query";

export type TenantSortKey = Date | string | number;
export type TenantCursor = { sort: TenantSort; order: "asc" | "desc"; key: TenantSortKey; id: string };

const BASE64URL = /^[A-Za-z0-9_-]{1,400}$/;
const INTEGER = /^\d{1,15}$/;

function invalid(): AppError {
  return new AppError("VALIDATION_FAILED", "cursor: not a cursor from this list; pass next_cursor as it was returned", { field: "cursor" });
}

export function encodeTenantCursor(c: TenantCursor): string {
  const key = c.key instanceof Date ? c.key.toISOString() : String(c.key);
  return Buffer.from(JSON.stringify([c.sort, c.order, key, c.id]), "utf8").toString("base64url");
}

function parseKey(sort: TenantSort, text: string): TenantSortKey | undefined {
  if (sort === "created_at") {
    const at = new Date(text);
    return !Number.isNaN(at.getTime()) && at.toISOString() === text ? at : undefined;
  }
  if (sort === "name") return text;
  return INTEGER.test(text) ? Number(text) : undefined;
}

export function decodeTenantCursor(cursor: string, sort: TenantSort, order: "asc" | "desc"): TenantCursor {
  if (!BASE64URL.test(cursor)) throw invalid();
  let parts: unknown;
  try {
    parts = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    throw invalid();
  }
  if (!Array.isArray(parts) || parts.length !== 4 || !parts.every((p) => typeof p === "string")) throw invalid();
  const [madeSort, madeOrder, text, id] = parts as string[];
  if (!TENANT_SORTS.includes(madeSort as TenantSort) || !["asc", "desc"].includes(madeOrder!) || !resourceId.safeParse(id).success) throw invalid();
  if (madeSort !== sort || madeOrder !== order) {
    throw new AppError("VALIDATION_FAILED", `cursor: made for the list sorted by ${madeSort} ${madeOrder}, not ${sort} ${order}; keep the sort while paging`, {
      field: "cursor",
    });
  }
  const key = parseKey(sort, text!);
  if (key === undefined) throw invalid();
  return { sort, order, key, id: id! };
}
