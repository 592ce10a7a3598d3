"use client";
// Phone numbers over the REST API, cached under ["phone-numbers"]. Changes also refresh agents,
// whose JSON lists the numbers routed to them.
import { useMutation, useQuery, useQueryClient, type QueryClient } from "@tanstack/react-query";
import { api } from "@/components/api-client";
import type { PhoneNumber } from "./types";

export const phoneNumberKeys = {
  all: ["phone-numbers"] as const,
};

function refresh(queryClient: QueryClient) {
  void queryClient.invalidateQueries({ queryKey: phoneNumberKeys.all });
  void queryClient.invalidateQueries({ queryKey: ["agents"] });
}

export function usePhoneNumbers() {
  return useQuery({
    queryKey: phoneNumberKeys.all,
    queryFn: ({ signal }) => api.get<PhoneNumber[]>("/api/v1/phone-numbers", signal),
  });
}

export type NewPhoneNumber = { e164: string; label: string | null; agentId: string | null };

export function useCreatePhoneNumber() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: NewPhoneNumber) => api.post<PhoneNumber>("/api/v1/phone-numbers", input),
    onSuccess: () => refresh(queryClient),
  });
}

export function useAssignPhoneNumber() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, agentId }: { id: string; agentId: string | null }) =>
      api.patch<PhoneNumber>(`/api/v1/phone-numbers/${encodeURIComponent(id)}`, { agentId }),
    onSuccess: (updated) => {
      queryClient.setQueryData<PhoneNumber[]>(phoneNumberKeys.all, (list) =>
        list?.map((n) => (n.id === updated.id ? updated : n)),
      );
      refresh(queryClient);
    },
  });
}

export function useDeletePhoneNumber() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(`/api/v1/phone-numbers/${encodeURIComponent(id)}`),
    onSuccess: () => refresh(queryClient),
  });
}
