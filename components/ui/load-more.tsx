"use client";
// The "load the next page" button under every cursor-paged list (TanStack's infinite queries): shown
// while there is a next page, busy while it loads.
import { Button } from "./button";

interface PagedQuery {
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage(): Promise<unknown>;
}

export function LoadMore({ query, label = "Load more", centered = false }: { query: PagedQuery; label?: string; centered?: boolean }) {
  if (!query.hasNextPage) return null;
  const button = (
    <Button variant="secondary" loading={query.isFetchingNextPage} onClick={() => void query.fetchNextPage()}>
      {label}
    </Button>
  );
  return centered ? <div className="flex justify-center">{button}</div> : button;
}
