"use client";
// API keys over the REST API, cached under ["api-keys"] (every page: a workspace has a handful).
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { getAllPages } from "@/components/all-pages";
import { api } from "@/components/api-client";

export type ApiKeyRow = {
  id: string;
  name: string;
  prefix: string;
  createdBy: { id: string; name: string } | null;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
};
export type CreatedApiKey = ApiKeyRow & { key: string };

export const API_KEYS_KEY = ["api-keys"] as const;

export function useApiKeys() {
  return useQuery({ queryKey: API_KEYS_KEY, queryFn: ({ signal }) => getAllPages<ApiKeyRow>("/api/v1/api-keys", signal) });
}

export function useCreateApiKey() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (name: string) => api.post<CreatedApiKey>("/api/v1/api-keys", { name }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: API_KEYS_KEY }),
  });
}

export function useRevokeApiKey() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(`/api/v1/api-keys/${encodeURIComponent(id)}`),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: API_KEYS_KEY }),
  });
}
