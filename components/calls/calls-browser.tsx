"use client";
// The calls list: filters and sort in the URL (shareable, back-button friendly), pages loaded on
// demand with the API's cursors, and the CSV export of exactly what the filters select.
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useCallback, useMemo } from "react";
import { errorMessage } from "@/components/api-client";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { buttonClasses } from "@/components/ui/button-classes";
import { EmptyState } from "@/components/ui/empty-state";
import { CallLogIcon } from "@/components/ui/icons";
import { Skeleton } from "@/components/ui/skeleton";
import { CallFiltersBar } from "./call-filters";
import { CallsTable } from "./calls-table";
import { filtersToApiQuery, filtersToSearch, readFilters, toggleSort, type CallFilters } from "./list-filters";
import { useCalls } from "./queries";
import { LoadMore } from "@/components/ui/load-more";

export function CallsBrowser({ agents }: { agents: { id: string; name: string }[] }) {
  const router = useRouter();
  const pathname = usePathname();
  const search = useSearchParams();
  const filters = useMemo(() => readFilters(new URLSearchParams(search.toString())), [search]);
  const apiQuery = filtersToApiQuery(filters).toString();
  const calls = useCalls(apiQuery);
  const rows = calls.data?.pages.flatMap((p) => p.data) ?? [];
  const filtered = filtersToSearch({ ...filters, sort: "started_at", order: "desc" }) !== "";

  const update = useCallback(
    (patch: Partial<CallFilters>) => {
      const next = filtersToSearch({ ...filters, ...patch });
      router.replace(next ? `${pathname}?${next}` : pathname, { scroll: false });
    },
    [filters, pathname, router],
  );

  let body;
  if (calls.isPending) {
    body = (
      <div role="status" className="space-y-2">
        <span className="sr-only">Loading calls…</span>
        <Skeleton className="h-10 rounded-lg" />
        {[0, 1, 2, 3].map((i) => <Skeleton key={i} className="h-12 rounded-lg" />)}
      </div>
    );
  } else if (calls.isError && rows.length === 0) {
    body = (
      <Alert title="Could not load calls" action={<Button size="sm" variant="secondary" onClick={() => void calls.refetch()}>Retry</Button>}>
        {errorMessage(calls.error)}
      </Alert>
    );
  } else if (rows.length === 0) {
    body = (
      <EmptyState
        icon={<CallLogIcon className="size-6" />}
        title={filtered ? "No calls match these filters" : "No calls yet"}
        description={filtered ? "Try a wider date range or fewer filters." : "Calls to your numbers, and test calls from an agent's page, appear here as soon as they end."}
        action={filtered ? <Button variant="secondary" onClick={() => router.replace(pathname)}>Clear filters</Button> : undefined}
      />
    );
  } else {
    body = (
      <div className={calls.isPlaceholderData ? "opacity-60 transition-opacity" : undefined}>
        <CallsTable calls={rows} filters={filters} onSort={(sort) => update(toggleSort(filters, sort))} />
      </div>
    );
  }

  return (
    <div className="space-y-4">
      <CallFiltersBar filters={filters} agents={agents} onChange={update} />
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p aria-live="polite" className="text-sm text-zinc-500">
          {calls.isFetching && !calls.isFetchingNextPage ? "Loading…" : calls.data ? `${rows.length}${calls.hasNextPage ? "+" : ""} call${rows.length === 1 ? "" : "s"}` : ""}
        </p>
        <a href={`/api/v1/calls/export?${apiQuery}`} download className={buttonClasses({ variant: "secondary", size: "sm" })}>
          Export CSV
        </a>
      </div>
      {body}
      <LoadMore query={calls} label="Load more calls" />
    </div>
  );
}
