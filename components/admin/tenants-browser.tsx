"use client";
// The super admin's tenants table: search (name, slug or id), status filter, sortable columns, and
// "Load more" over GET /api/v1/admin/tenants' cursor pages.
import Link from "next/link";
import { useState, type FormEvent, type ReactNode } from "react";
import { keepPreviousData, useInfiniteQuery } from "@tanstack/react-query";
import { getPage } from "@/components/knowledge/api-response";
import { errorMessage } from "@/components/api-client";
import { PLAN_LABELS } from "@/components/shell/labels";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { Skeleton } from "@/components/ui/skeleton";
import { Table, Th } from "@/components/ui/table";
import { TimeText } from "@/components/ui/time-text";
import { STATUS_BADGE, type TenantRow, type TenantSort, type TenantStatus } from "./types";
import { LoadMore } from "@/components/ui/load-more";

type Filters = { q: string; status: TenantStatus | ""; sort: TenantSort; order: "asc" | "desc" };
const PAGE_SIZE = 25;

function SortHeader({ label, sort, filters, onSort, align }: { label: string; sort: TenantSort; filters: Filters; onSort: (s: TenantSort) => void; align?: "right" }) {
  const active = filters.sort === sort;
  return (
    <Th align={align} sort={active ? (filters.order === "desc" ? "descending" : "ascending") : undefined}>
      <button type="button" onClick={() => onSort(sort)} className="focus-ring inline-flex items-center gap-1 rounded uppercase hover:text-zinc-800">
        {label}
        <span aria-hidden="true" className="w-2">
          {active ? (filters.order === "desc" ? "↓" : "↑") : ""}
        </span>
      </button>
    </Th>
  );
}

const Cell = ({ children, className = "" }: { children: ReactNode; className?: string }) => <td className={`px-4 py-3 whitespace-nowrap ${className}`}>{children}</td>;

export function TenantsBrowser() {
  const [filters, setFilters] = useState<Filters>({ q: "", status: "", sort: "created_at", order: "desc" });
  const [draft, setDraft] = useState("");
  const query = useInfiniteQuery({
    queryKey: ["admin", "tenants", filters],
    queryFn: ({ pageParam, signal }) => {
      const p = new URLSearchParams({ sort: filters.sort, order: filters.order, limit: String(PAGE_SIZE) });
      if (filters.q) p.set("q", filters.q);
      if (filters.status) p.set("status", filters.status);
      if (pageParam) p.set("cursor", pageParam);
      return getPage<TenantRow>(`/api/v1/admin/tenants?${p}`, signal);
    },
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_cursor,
    placeholderData: keepPreviousData,
  });
  const rows = query.data?.pages.flatMap((p) => p.data) ?? [];
  const onSort = (sort: TenantSort) =>
    setFilters((f) => ({ ...f, sort, order: f.sort === sort ? (f.order === "desc" ? "asc" : "desc") : sort === "name" ? "asc" : "desc" }));
  const onSearch = (e: FormEvent) => {
    e.preventDefault();
    setFilters((f) => ({ ...f, q: draft.trim() }));
  };

  return (
    <div className="space-y-4">
      <form role="search" onSubmit={onSearch} className="flex flex-wrap items-end gap-2">
        <label className="min-w-56 flex-1">
          <span className="mb-1 block text-sm font-medium text-zinc-700">Search workspaces</span>
          <Input type="search" placeholder="Name, slug or id" value={draft} onChange={(e) => setDraft(e.target.value)} />
        </label>
        <label>
          <span className="mb-1 block text-sm font-medium text-zinc-700">Status</span>
          <Select value={filters.status} onChange={(e) => setFilters((f) => ({ ...f, status: e.target.value as Filters["status"] }))}>
            <option value="">Any status</option>
            <option value="ACTIVE">Active</option>
            <option value="SUSPENDED">Suspended</option>
            <option value="CANCELLED">Cancelled</option>
          </Select>
        </label>
        <Button type="submit" variant="secondary">
          Search
        </Button>
      </form>

      {query.isError && (
        <Alert action={<Button variant="secondary" size="sm" onClick={() => void query.refetch()}>Retry</Button>}>{errorMessage(query.error)}</Alert>
      )}
      {query.isPending ? (
        <div className="space-y-2" aria-busy="true" aria-label="Loading workspaces">
          {[0, 1, 2].map((i) => <Skeleton key={i} className="h-12 w-full" />)}
        </div>
      ) : rows.length === 0 && !query.isError ? (
        <EmptyState title="No workspaces match" description={filters.q ? `Nothing matches “${filters.q}”.` : "No workspace has signed up yet."} />
      ) : (
        <div className={query.isPlaceholderData ? "opacity-60" : undefined} aria-busy={query.isFetching || undefined}>
          <Table
            caption="Workspaces"
            head={
              <>
                <SortHeader label="Workspace" sort="name" filters={filters} onSort={onSort} />
                <Th>Plan</Th>
                <Th>Status</Th>
                <Th align="right">Members</Th>
                <Th align="right">Agents</Th>
                <Th align="right">Numbers</Th>
                <SortHeader label="Calls (month)" sort="calls" filters={filters} onSort={onSort} align="right" />
                <SortHeader label="Minutes (month)" sort="minutes" filters={filters} onSort={onSort} align="right" />
                <SortHeader label="Created" sort="created_at" filters={filters} onSort={onSort} />
              </>
            }
          >
            {rows.map((t) => (
              <tr key={t.id} className="relative hover:bg-zinc-50">
                <td className="px-3 py-3 sm:px-5">
                  <Link href={`/admin/tenants/${t.id}`} className="focus-ring rounded font-medium text-zinc-900 after:absolute after:inset-0 hover:text-accent-700">
                    {t.name}
                  </Link>
                  <span className="block text-xs text-zinc-500">{t.slug}</span>
                </td>
                <Cell>
                  <Badge tone="accent">{PLAN_LABELS[t.plan]}</Badge>
                </Cell>
                <Cell>
                  <Badge tone={STATUS_BADGE[t.status].tone} dot>
                    {STATUS_BADGE[t.status].label}
                  </Badge>
                </Cell>
                <Cell className="text-right tabular-nums">{t.members}</Cell>
                <Cell className="text-right tabular-nums">{t.agents}</Cell>
                <Cell className="text-right tabular-nums">{t.phoneNumbers}</Cell>
                <Cell className="text-right tabular-nums">{t.callsThisMonth}</Cell>
                <Cell className="text-right tabular-nums">{t.minutesThisMonth}</Cell>
                <Cell className="text-zinc-600">
                  <TimeText iso={t.createdAt} format="date" />
                </Cell>
              </tr>
            ))}
          </Table>
        </div>
      )}
      <p aria-live="polite" className="sr-only">
        {query.isSuccess ? `${rows.length} workspaces shown` : ""}
      </p>
      <LoadMore query={query} centered />
    </div>
  );
}
