"use client";
// The audit log with filters (workspace for the platform's log, actor, action, date range) and
// "Load more" over the list API's cursor pages: GET /api/v1/audit or /api/v1/admin/audit.
import { useState, type FormEvent } from "react";
import { keepPreviousData, useInfiniteQuery } from "@tanstack/react-query";
import { errorMessage } from "@/components/api-client";
import { getPage } from "@/components/knowledge/api-response";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Input } from "@/components/ui/input";
import { Skeleton } from "@/components/ui/skeleton";
import type { AuditEntryJson } from "@/lib/audit/serialize";
import { AuditTable } from "./audit-table";
import { LoadMore } from "@/components/ui/load-more";

type Filters = { tenant: string; actor: string; action: string; from: string; to: string };
const EMPTY: Filters = { tenant: "", actor: "", action: "", from: "", to: "" };
const PAGE_SIZE = 50;

export function AuditBrowser({ endpoint, platform = false, initialTenant = "" }: { endpoint: string; platform?: boolean; initialTenant?: string }) {
  const [draft, setDraft] = useState<Filters>({ ...EMPTY, tenant: initialTenant });
  const [filters, setFilters] = useState<Filters>(draft);
  const query = useInfiniteQuery({
    queryKey: ["audit", endpoint, filters],
    queryFn: ({ pageParam, signal }) => {
      const p = new URLSearchParams({ limit: String(PAGE_SIZE) });
      for (const [k, v] of Object.entries(filters)) if (v && (platform || k !== "tenant")) p.set(k, v);
      if (pageParam) p.set("cursor", pageParam);
      return getPage<AuditEntryJson>(`${endpoint}?${p}`, signal);
    },
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_cursor,
    placeholderData: keepPreviousData,
  });
  const rows = query.data?.pages.flatMap((p) => p.data) ?? [];
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setFilters({ ...draft, tenant: draft.tenant.trim(), actor: draft.actor.trim(), action: draft.action.trim() });
  };
  const field = (key: keyof Filters, label: string, props: { placeholder?: string; type?: string } = {}) => (
    <label className="min-w-40 flex-1">
      <span className="mb-1 block text-sm font-medium text-zinc-700">{label}</span>
      <Input type={props.type ?? "text"} placeholder={props.placeholder} value={draft[key]} onChange={(e) => setDraft((d) => ({ ...d, [key]: e.target.value }))} />
    </label>
  );

  return (
    <div className="space-y-4">
      <form role="search" aria-label="Filter the audit log" onSubmit={onSubmit} className="flex flex-wrap items-end gap-2">
        {platform && field("tenant", "Workspace id", { placeholder: "Any workspace" })}
        {field("actor", "Who", { placeholder: "Email or user id" })}
        {field("action", "Action", { placeholder: "e.g. tenant. or agent.delete" })}
        {field("from", "From", { type: "date" })}
        {field("to", "Until (exclusive)", { type: "date" })}
        <Button type="submit" variant="secondary">
          Apply filters
        </Button>
      </form>
      {query.isError && <Alert>{errorMessage(query.error)}</Alert>}
      {query.isPending ? (
        <div className="space-y-2" aria-busy="true" aria-label="Loading the audit log">
          {[0, 1, 2].map((i) => <Skeleton key={i} className="h-12 w-full" />)}
        </div>
      ) : rows.length === 0 && !query.isError ? (
        <EmptyState title="No audit entries" description="Nothing recorded matches these filters." />
      ) : (
        <div className={query.isPlaceholderData ? "opacity-60" : undefined} aria-busy={query.isFetching || undefined}>
          <AuditTable entries={rows} showTenant={platform} />
        </div>
      )}
      <p aria-live="polite" className="sr-only">
        {query.isSuccess ? `${rows.length} entries shown` : ""}
      </p>
      <LoadMore query={query} centered />
    </div>
  );
}
