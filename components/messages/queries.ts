"use client";
// The messages inbox over the REST API, cached under ["messages", …]. Marking handled is optimistic:
// the row and the navigation badge change at once and are put back if the server refuses.
import { useInfiniteQuery, useMutation, useQuery, useQueryClient, type InfiniteData } from "@tanstack/react-query";
import { api } from "@/components/api-client";
import { getPage, type Page } from "@/components/knowledge/api-response";
import type { Message, MessageFilter, MessageStatus } from "./types";

const BASE = "/api/v1/messages";
export const MESSAGES_PAGE_SIZE = 25;
/** The badge asks again this often, so a message taken during a call shows up without a reload. */
export const SUMMARY_POLL_MS = 30_000;

export const messageKeys = {
  all: ["messages"] as const,
  lists: ["messages", "list"] as const,
  list: (filter: MessageFilter) => ["messages", "list", filter] as const,
  summary: ["messages", "summary"] as const,
};

type Pages = InfiniteData<Page<Message>, string | null>;
type Summary = { unhandled: number };

export const isUnhandled = (status: MessageStatus) => status === "NEW" || status === "READ";

export function useMessages(filter: MessageFilter) {
  return useInfiniteQuery({
    queryKey: messageKeys.list(filter),
    queryFn: ({ pageParam, signal }) => {
      const query = new URLSearchParams({ limit: String(MESSAGES_PAGE_SIZE) });
      if (filter === "unhandled") query.set("status", "unhandled");
      if (pageParam) query.set("cursor", pageParam);
      return getPage<Message>(`${BASE}?${query}`, signal);
    },
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_cursor,
  });
}

export function useMessageSummary() {
  return useQuery({
    queryKey: messageKeys.summary,
    queryFn: ({ signal }) => api.get<Summary>(`${BASE}/summary`, signal),
    refetchInterval: SUMMARY_POLL_MS,
    staleTime: 10_000,
  });
}

type Snapshot = { lists: [readonly unknown[], Pages | undefined][]; summary: Summary | undefined };

export function useSetMessageStatus() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, status }: { id: string; status: MessageStatus }) => api.patch<Message>(`${BASE}/${encodeURIComponent(id)}`, { status }),
    onMutate: async ({ id, status }): Promise<Snapshot> => {
      await queryClient.cancelQueries({ queryKey: messageKeys.all });
      const snapshot: Snapshot = {
        lists: queryClient.getQueriesData<Pages>({ queryKey: messageKeys.lists }),
        summary: queryClient.getQueryData<Summary>(messageKeys.summary),
      };
      const before = snapshot.lists.flatMap(([, data]) => data?.pages.flatMap((p) => p.data) ?? []).find((m) => m.id === id);
      queryClient.setQueriesData<Pages>({ queryKey: messageKeys.lists }, (data) =>
        data && { ...data, pages: data.pages.map((p) => ({ ...p, data: p.data.map((m) => (m.id === id ? { ...m, status } : m)) })) },
      );
      if (before && snapshot.summary) {
        const delta = Number(isUnhandled(status)) - Number(isUnhandled(before.status));
        queryClient.setQueryData<Summary>(messageKeys.summary, { unhandled: Math.max(0, snapshot.summary.unhandled + delta) });
      }
      return snapshot;
    },
    onError: (_error, _vars, snapshot) => {
      if (!snapshot) return;
      for (const [key, data] of snapshot.lists) queryClient.setQueryData(key, data);
      queryClient.setQueryData(messageKeys.summary, snapshot.summary);
    },
    onSuccess: (saved) => {
      queryClient.setQueriesData<Pages>({ queryKey: messageKeys.lists }, (data) =>
        data && { ...data, pages: data.pages.map((p) => ({ ...p, data: p.data.map((m) => (m.id === saved.id ? saved : m)) })) },
      );
    },
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: messageKeys.summary });
    },
  });
}
