"use client";
// Agents over the REST API, cached with TanStack Query under ["agents"].
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ApiError, api } from "@/components/api-client";
import { getAllPages } from "@/components/all-pages";
import { phoneNumberKeys } from "@/components/phone-numbers/queries";
import type { Agent } from "./types";

export const agentKeys = {
  all: ["agents"] as const,
  detail: (id: string) => ["agents", id] as const,
};

/**
 * `initialData`: the list the page's server component already read, so the first paint is the list
 * (or the empty state) and the query is never pending: there is no loading state to draw.
 */
export function useAgents(initialData: Agent[]) {
  return useQuery({
    queryKey: agentKeys.all,
    queryFn: ({ signal }) => getAllPages<Agent>("/api/v1/agents", signal),
    initialData,
  });
}

export function useAgent(id: string, initialData: Agent) {
  return useQuery({
    queryKey: agentKeys.detail(id),
    queryFn: ({ signal }) => api.get<Agent>(`/api/v1/agents/${encodeURIComponent(id)}`, signal),
    initialData,
  });
}

export function useCreateAgent() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: Record<string, unknown>) => api.post<Agent>("/api/v1/agents", input),
    onSuccess: (agent) => {
      queryClient.setQueryData(agentKeys.detail(agent.id), agent);
      void queryClient.invalidateQueries({ queryKey: agentKeys.all, exact: true });
    },
  });
}

export function useUpdateAgent(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (changes: Record<string, unknown>) => api.patch<Agent>(`/api/v1/agents/${encodeURIComponent(id)}`, changes),
    onSuccess: (agent) => {
      queryClient.setQueryData(agentKeys.detail(agent.id), agent);
      void queryClient.invalidateQueries({ queryKey: agentKeys.all, exact: true });
    },
  });
}

export function useDuplicateAgent() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post<Agent>(`/api/v1/agents/${encodeURIComponent(id)}/duplicate`),
    onSuccess: (agent) => {
      queryClient.setQueryData(agentKeys.detail(agent.id), agent);
      void queryClient.invalidateQueries({ queryKey: agentKeys.all, exact: true });
    },
  });
}

export function useDeleteAgent() {
  const queryClient = useQueryClient();
  return useMutation({
    // Deleting twice (another tab, a double click) is still "it is gone".
    mutationFn: (id: string) =>
      api.delete(`/api/v1/agents/${encodeURIComponent(id)}`).catch((error: unknown) => {
        if (!(error instanceof ApiError && error.status === 404)) throw error;
      }),
    onSuccess: (_result, id) => {
      queryClient.removeQueries({ queryKey: agentKeys.detail(id) });
      void queryClient.invalidateQueries({ queryKey: agentKeys.all, exact: true });
      // Its numbers are now unassigned.
      void queryClient.invalidateQueries({ queryKey: phoneNumberKeys.all });
    },
  });
}
