"use client";
// Calls over the REST API, cached under ["calls", …]: the filtered list a page at a time, and one call.
import { keepPreviousData, useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { api } from "@/components/api-client";
import { getPage } from "@/components/knowledge/api-response";
import type { Call, CallDetail } from "./types";

export const CALLS_PAGE_SIZE = 25;

export const callKeys = {
  list: (apiQuery: string) => ["calls", "list", apiQuery] as const,
  detail: (id: string) => ["calls", "detail", id] as const,
};

/** `apiQuery`: the filters as GET /api/v1/calls takes them (list-filters.ts), without limit/cursor. */
export function useCalls(apiQuery: string) {
  return useInfiniteQuery({
    queryKey: callKeys.list(apiQuery),
    queryFn: ({ pageParam, signal }) => {
      const q = new URLSearchParams(apiQuery);
      q.set("limit", String(CALLS_PAGE_SIZE));
      if (pageParam) q.set("cursor", pageParam);
      return getPage<Call>(`/api/v1/calls?${q}`, signal);
    },
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_cursor,
    // A new filter keeps the old rows on screen (dimmed) until its first page arrives.
    placeholderData: keepPreviousData,
  });
}

export function useCallDetail(initial: CallDetail) {
  return useQuery({
    queryKey: callKeys.detail(initial.id),
    queryFn: ({ signal }) => api.get<CallDetail>(`/api/v1/calls/${encodeURIComponent(initial.id)}`, signal),
    initialData: initial,
  });
}
