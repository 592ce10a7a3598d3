"use client";
// Phone numbers over the REST API, cached under ["phone-numbers"]. Changes also refresh agents,
// whose JSON lists the numbers routed to them.
import { useMutation, useQuery, useQueryClient, type QueryClient } from "@tanstack/react-query";
import { ApiError, api } from "@/components/api-client";
import { getAllPages } from "@/components/all-pages";
import type { AvailableNumber, PhoneNumber } from "./types";

export const phoneNumberKeys = {
  all: ["phone-numbers"] as const,
};

function refresh(queryClient: QueryClient) {
  void queryClient.invalidateQueries({ queryKey: phoneNumberKeys.all });
  void queryClient.invalidateQueries({ queryKey: ["agents"] });
}

/** `initialData`: the list the page's server component already read (see useAgents). */
export function usePhoneNumbers(initialData: PhoneNumber[]) {
  return useQuery({
    queryKey: phoneNumberKeys.all,
    queryFn: ({ signal }) => getAllPages<PhoneNumber>("/api/v1/phone-numbers", signal),
    initialData,
  });
}

/** `e164`: E.164, as the form parsed it in the workspace's country (the server parses it again regardless). */
export type NewPhoneNumber = { e164: string; label: string | null; agentId: string | null };

export function useCreatePhoneNumber() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: NewPhoneNumber) => api.post<PhoneNumber>("/api/v1/phone-numbers", input),
    onSuccess: (created) => {
      // In the list at once, so the "n of max used" count (and the form at the limit) follow without waiting for the refetch.
      queryClient.setQueryData<PhoneNumber[]>(phoneNumberKeys.all, (list) =>
        list && !list.some((n) => n.id === created.id) ? [created, ...list] : list,
      );
      refresh(queryClient);
    },
    // Over the limit means the list here is behind (a number added elsewhere): fetch the real one.
    onError: (error) => {
      if (error instanceof ApiError && error.code === "QUOTA_EXCEEDED") refresh(queryClient);
    },
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

export type NumberSearch = { country: string; areaCode: string; contains: string };

/** Twilio's offer for a search; runs when `search` is set (the form's submit), kept a minute. */
export function useAvailableNumbers(search: NumberSearch | null) {
  return useQuery({
    queryKey: [...phoneNumberKeys.all, "available", search] as const,
    queryFn: ({ signal }) => {
      const q = new URLSearchParams();
      for (const [key, value] of Object.entries(search ?? {})) if (value.trim()) q.set(key, value.trim());
      return api.get<AvailableNumber[]>(`/api/v1/phone-numbers/available?${q}`, signal);
    },
    enabled: search !== null,
    staleTime: 60_000,
    retry: false,
  });
}

/** Buy (`/buy`) or import (`/import`) a number of the Twilio account. */
export function useProvisionNumber(kind: "buy" | "import") {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: NewPhoneNumber) => api.post<PhoneNumber>(`/api/v1/phone-numbers/${kind}`, input),
    onSuccess: (created) => {
      queryClient.setQueryData<PhoneNumber[]>(phoneNumberKeys.all, (list) =>
        list && !list.some((n) => n.id === created.id) ? [created, ...list] : list,
      );
      refresh(queryClient);
    },
    // Over the limit means this page's list is behind (a number added elsewhere), and a number no
    // longer for sale means the offer is: fetch both again.
    onError: (error) => {
      if (error instanceof ApiError && (error.code === "QUOTA_EXCEEDED" || error.code === "PHONE_NUMBER_TAKEN")) refresh(queryClient);
    },
  });
}
