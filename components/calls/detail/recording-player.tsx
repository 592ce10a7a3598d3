"use client";
// The call's recording: the browser's own audio controls (seeking, speed, keyboard) over the recording
// route, which answers Range requests, and the waveform above them. Reports the playback position.
import { useEffect, type RefObject } from "react";
import { Alert } from "@/components/ui/alert";
import { Skeleton } from "@/components/ui/skeleton";
import { useRecordingPcm } from "./use-recording-pcm";
import { Waveform } from "./waveform";

type Props = {
  callId: string;
  durationSec: number;
  audioRef: RefObject<HTMLAudioElement | null>;
  /** Called as playback moves (every frame while playing, and on seeks), in ms. */
  onPosition: (ms: number) => void;
};

export function RecordingPlayer({ callId, durationSec, audioRef, onPosition }: Props) {
  const src = `/api/v1/calls/${encodeURIComponent(callId)}/recording`;
  const pcm = useRecordingPcm(src, true);

  useEffect(() => {
    const audio = audioRef.current;
    if (!audio) return;
    let frame = 0;
    const report = () => onPosition(audio.currentTime * 1000);
    const loop = () => {
      report();
      frame = requestAnimationFrame(loop);
    };
    const play = () => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(loop);
    };
    const stop = () => {
      cancelAnimationFrame(frame);
      report();
    };
    audio.addEventListener("play", play);
    audio.addEventListener("pause", stop);
    audio.addEventListener("ended", stop);
    audio.addEventListener("seeked", report);
    audio.addEventListener("timeupdate", report);
    return () => {
      cancelAnimationFrame(frame);
      for (const [type, fn] of [["play", play], ["pause", stop], ["ended", stop], ["seeked", report], ["timeupdate", report]] as const) audio.removeEventListener(type, fn);
    };
  }, [audioRef, onPosition]);

  return (
    <section aria-label="Recording" className="space-y-3 rounded-xl border border-zinc-200 bg-white p-4 shadow-xs">
      <div className="flex items-center justify-between text-xs text-zinc-500">
        <h2 className="text-sm font-semibold text-zinc-900">Recording</h2>
        <p>
          <span className="mr-1 inline-block size-2 rounded-full bg-zinc-500" aria-hidden="true" /> Caller
          <span className="mr-1 ml-3 inline-block size-2 rounded-full bg-accent-600" aria-hidden="true" /> Agent
        </p>
      </div>
      {pcm.data ? (
        <Waveform pcm={pcm.data} audioRef={audioRef} durationSec={durationSec} />
      ) : pcm.isError ? (
        <Alert tone="info">{pcm.error instanceof Error ? pcm.error.message : "The waveform could not be drawn."}</Alert>
      ) : (
        <Skeleton className="h-[88px]" />
      )}
      <audio ref={audioRef} src={src} controls preload="metadata" className="w-full" aria-label="Call recording" />
    </section>
  );
}
