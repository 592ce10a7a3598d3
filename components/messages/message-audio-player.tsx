"use client";
// A message the caller said but the recogniser could not take down: "Play message" opens the browser's
// own audio controls on just that stretch of the call's recording (the recording route answers Range
// requests, and the media fragment stops playback at the clip's end). A recording that cannot be
// loaded (not stored, removed) says so instead of leaving a dead player.
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { PlayIcon } from "@/components/ui/icons";
import { clipLength, clipUrl, type AudioRangeJson } from "./message-audio";

export function MessageAudioPlayer({ callId, audio, caller }: { callId: string; audio: AudioRangeJson; caller: string }) {
  const [state, setState] = useState<"closed" | "open" | "unavailable">("closed");
  if (state === "unavailable") return <p className="text-xs text-zinc-500">The call&apos;s recording is not available, so the message cannot be played.</p>;
  if (state === "closed")
    return (
      <Button size="sm" variant="secondary" icon={<PlayIcon />} onClick={() => setState("open")} aria-label={`Play the message from ${caller}`}>
        Play message ({clipLength(audio)})
      </Button>
    );
  return (
    <audio
      src={clipUrl(callId, audio)}
      controls
      autoPlay
      preload="auto"
      onError={() => setState("unavailable")}
      className="w-full max-w-md"
      aria-label={`Spoken message from ${caller}`}
    />
  );
}
