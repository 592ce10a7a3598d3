"use client";
// Fetches the call's recording once and parses it for the waveform. The <audio> element streams the
// same file with Range requests on its own; this copy is only for drawing.
import { useQuery } from "@tanstack/react-query";
import { ApiError } from "@/components/api-client";
import { parseWav } from "./wav-peaks";

/** Larger recordings (about 70 minutes of stereo 8 kHz) are played but not drawn: too much to hold. */
export const MAX_WAVEFORM_BYTES = 64 * 1024 * 1024;

export function useRecordingPcm(url: string, enabled: boolean) {
  return useQuery({
    queryKey: ["calls", "recording-pcm", url],
    enabled,
    staleTime: Infinity,
    gcTime: 60_000,
    retry: false,
    queryFn: async ({ signal }) => {
      const res = await fetch(url, { credentials: "same-origin", signal });
      if (!res.ok) throw new ApiError(res.status, `HTTP_${res.status}`, "The recording could not be loaded.");
      if (Number(res.headers.get("content-length") ?? 0) > MAX_WAVEFORM_BYTES) throw new ApiError(413, "TOO_LONG", "This recording is too long to draw.");
      return parseWav(await res.arrayBuffer());
    },
  });
}
