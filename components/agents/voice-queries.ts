"use client";
// The configured text-to-speech's voices, cached with TanStack Query under ["voices"]. They change only
// when the platform's provider does, so one fetch per session is plenty.
import { useQuery } from "@tanstack/react-query";
import { api } from "@/components/api-client";
import type { Voice } from "@/lib/providers/speech/types";

export const voiceKeys = { all: ["voices"] as const };

export function useVoices() {
  return useQuery({
    queryKey: voiceKeys.all,
    queryFn: ({ signal }) => api.get<Voice[]>("/api/v1/voices", signal),
    staleTime: 30 * 60_000,
  });
}
