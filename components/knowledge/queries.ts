"use client";
// The knowledge base over the REST API, cached with TanStack Query under ["knowledge", …]. The
// document list polls while any document is still being processed, and stops once all are settled.
import { useCallback } from "react";
import { useInfiniteQuery, useMutation, useQuery, useQueryClient, type InfiniteData, type QueryClient } from "@tanstack/react-query";
import { ApiError, api } from "@/components/api-client";
import { DOCUMENTS_PAGE_SIZE, getPage, postForBody, type Page } from "./api-response";
import { isSettled } from "./knowledge-format";
import type { FaqEntry, KnowledgeDocument, KnowledgeDocumentDetail, KnowledgePassage } from "./types";

const BASE = "/api/v1/knowledge";
/** How often a page with documents in flight asks again: the stages last a second or a few. */
export const POLL_MS = 1500;

export const knowledgeKeys = {
  all: ["knowledge"] as const,
  documents: ["knowledge", "documents"] as const,
  document: (id: string, chunkCursor: string | null) => ["knowledge", "documents", id, chunkCursor ?? ""] as const,
  faqs: ["knowledge", "faqs"] as const,
};

const documentPath = (id: string) => `${BASE}/documents/${encodeURIComponent(id)}`;

type DocumentPages = InfiniteData<Page<KnowledgeDocument>, string | null>;

/** `initialPage`: the first page the page's server component already read (see useAgents). */
export function useDocuments(initialPage: Page<KnowledgeDocument>) {
  return useInfiniteQuery({
    queryKey: knowledgeKeys.documents,
    queryFn: ({ pageParam, signal }) =>
      getPage<KnowledgeDocument>(`${BASE}/documents?limit=${DOCUMENTS_PAGE_SIZE}${pageParam ? `&cursor=${encodeURIComponent(pageParam)}` : ""}`, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_cursor,
    initialData: { pages: [initialPage], pageParams: [null] },
    refetchInterval: (query) =>
      query.state.data?.pages.some((page) => page.data.some((doc) => !isSettled(doc.status))) ? POLL_MS : false,
  });
}

/** The loaded pages as one list. */
export function flattenDocuments(data: { pages: Page<KnowledgeDocument>[] } | undefined): KnowledgeDocument[] {
  return data?.pages.flatMap((page) => page.data) ?? [];
}

/** Puts a changed document into the cached list at once (the refetch that follows confirms it). */
function replaceInList(queryClient: QueryClient, doc: KnowledgeDocument) {
  queryClient.setQueryData<DocumentPages>(knowledgeKeys.documents, (data) =>
    data && { ...data, pages: data.pages.map((page) => ({ ...page, data: page.data.map((d) => (d.id === doc.id ? doc : d)) })) },
  );
}

function refreshDocuments(queryClient: QueryClient) {
  void queryClient.invalidateQueries({ queryKey: knowledgeKeys.documents });
}

/** One page of a document's chunks, with its extracted text; polled while it is processed. */
export function useDocumentDetail(id: string, chunkCursor: string | null) {
  return useQuery({
    queryKey: knowledgeKeys.document(id, chunkCursor),
    queryFn: ({ signal }) =>
      api.get<KnowledgeDocumentDetail>(`${documentPath(id)}?chunks=1${chunkCursor ? `&chunkCursor=${encodeURIComponent(chunkCursor)}` : ""}`, signal),
    refetchInterval: (query) => (query.state.data && !isSettled(query.state.data.status) ? POLL_MS : false),
  });
}

/** A new upload or import: into the list at once, then polled from there. */
export function useAddedDocuments() {
  const queryClient = useQueryClient();
  // Stable: the upload panel starts requests from an effect that depends on it.
  return useCallback((docs: KnowledgeDocument[]) => {
    queryClient.setQueryData<DocumentPages>(knowledgeKeys.documents, (data) => {
      if (!data || data.pages.length === 0) return data;
      const known = new Set(data.pages.flatMap((p) => p.data.map((d) => d.id)));
      const fresh = docs.filter((d) => !known.has(d.id));
      const [first, ...rest] = data.pages;
      return { ...data, pages: [{ ...first!, data: [...fresh, ...first!.data] }, ...rest] };
    });
    refreshDocuments(queryClient);
  }, [queryClient]);
}

export function useImportDocument() {
  const added = useAddedDocuments();
  return useMutation({
    mutationFn: (input: { url: string; title?: string; agentIds?: string[]; language?: string }) => api.post<KnowledgeDocument>(`${BASE}/documents/import`, input),
    onSuccess: (doc) => added([doc]),
  });
}

export function useUpdateDocument() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...changes }: { id: string; title?: string; allAgents?: boolean; agentIds?: string[] }) =>
      api.patch<KnowledgeDocument>(documentPath(id), changes),
    onSuccess: (doc) => {
      replaceInList(queryClient, doc);
      void queryClient.invalidateQueries({ queryKey: knowledgeKeys.all });
    },
  });
}

export function useRetryDocument() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post<KnowledgeDocument>(`${documentPath(id)}/retry`),
    onSuccess: (doc) => {
      replaceInList(queryClient, doc);
      void queryClient.invalidateQueries({ queryKey: knowledgeKeys.all });
    },
  });
}

export function useDeleteDocument() {
  const queryClient = useQueryClient();
  return useMutation({
    // Deleted twice (another tab, a double click) is still "it is gone".
    mutationFn: (id: string) =>
      api.delete(documentPath(id)).catch((error: unknown) => {
        if (!(error instanceof ApiError && error.status === 404)) throw error;
      }),
    onSuccess: (_result, id) => {
      queryClient.setQueryData<DocumentPages>(knowledgeKeys.documents, (data) =>
        data && { ...data, pages: data.pages.map((page) => ({ ...page, data: page.data.filter((d) => d.id !== id) })) },
      );
      queryClient.removeQueries({ queryKey: ["knowledge", "documents", id] });
      refreshDocuments(queryClient);
    },
  });
}

// ───────────────────────────── FAQ ─────────────────────────────

export type FaqInput = { question: string; answer: string; agentId: string | null; enabled: boolean };

/** Newest first, like the API; `initialData` as read by the page's server component. */
export function useFaqs(initialData: FaqEntry[]) {
  return useQuery({
    queryKey: knowledgeKeys.faqs,
    queryFn: ({ signal }) => api.get<FaqEntry[]>(`${BASE}/faqs`, signal),
    initialData,
  });
}

export function useSaveFaq() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...input }: Partial<FaqInput> & { id?: string }) =>
      id ? api.patch<FaqEntry>(`${BASE}/faqs/${encodeURIComponent(id)}`, input) : api.post<FaqEntry>(`${BASE}/faqs`, input),
    onSuccess: (saved) => {
      queryClient.setQueryData<FaqEntry[]>(knowledgeKeys.faqs, (list) =>
        list && (list.some((f) => f.id === saved.id) ? list.map((f) => (f.id === saved.id ? saved : f)) : [saved, ...list]),
      );
      void queryClient.invalidateQueries({ queryKey: knowledgeKeys.faqs });
    },
  });
}

export function useDeleteFaq() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      api.delete(`${BASE}/faqs/${encodeURIComponent(id)}`).catch((error: unknown) => {
        if (!(error instanceof ApiError && error.status === 404)) throw error;
      }),
    onSuccess: (_result, id) => {
      queryClient.setQueryData<FaqEntry[]>(knowledgeKeys.faqs, (list) => list?.filter((f) => f.id !== id));
      void queryClient.invalidateQueries({ queryKey: knowledgeKeys.faqs });
    },
  });
}

// ───────────────────────────── test retrieval ─────────────────────────────

export type SearchAnswer = { data: KnowledgePassage[]; tookMs: number };

export function useSearchKnowledge() {
  return useMutation({
    mutationFn: (input: { query: string; agentId?: string; limit?: number }) => postForBody<SearchAnswer>(`${BASE}/search`, input),
  });
}
