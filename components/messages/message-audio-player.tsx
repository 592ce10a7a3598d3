"use client";
// A message the caller said but the recogniser could not take down: "Play message" opens the browser's
// own audio controls on just that stretch of the call's recording (the recording route answers Range
// requests, and the media fragment stops playback at the clip's end).
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { PlayIcon } from "@/components/ui/icons";
import { clipLength, clipUrl, type AudioRangeJson } from "./message-audio";

export function MessageAudioPlayer({ callId, audio, caller }: { callId: string; audio: AudioRangeJson; caller: string }) {
  const [open, setOpen] = useState(false);
  if (!open)
    return (
      <Button size="sm" variant="secondary" icon={<PlayIcon />} onClick={() => setOpen(true)} aria-label={`Play the message from ${caller}`}>
        Play message ({clipLength(audio)})
      </Button>
    );
  return <audio src={clipUrl(callId, audio)} controls autoPlay preload="auto" className="w-full max-w-md" aria-label={`Spoken message from ${caller}`} />;
}
