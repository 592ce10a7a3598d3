"use client";
// The recording drawn on a canvas: caller (left channel) in the top lane, agent (right) in the bottom
// one, a playhead moved without React renders, and a click that seeks there.
import { useEffect, useRef, type RefObject } from "react";
import { computePeaks, type Pcm } from "./wav-peaks";

const HEIGHT = 88;
const COLORS = ["#71717a", "#4f46e5"]; // caller zinc-500, agent accent

function draw(canvas: HTMLCanvasElement, pcm: Pcm) {
  const dpr = window.devicePixelRatio || 1;
  const width = canvas.clientWidth;
  canvas.width = Math.max(1, Math.round(width * dpr));
  canvas.height = Math.round(HEIGHT * dpr);
  const ctx = canvas.getContext("2d");
  if (!ctx) return;
  ctx.scale(dpr, dpr);
  ctx.clearRect(0, 0, width, HEIGHT);
  const lanes = Math.min(2, pcm.channels.length);
  const lane = HEIGHT / lanes;
  const bars = Math.max(1, Math.floor(width / 2));
  for (let c = 0; c < lanes; c++) {
    const peaks = computePeaks(pcm.channels[c]!, bars);
    ctx.fillStyle = COLORS[c]!;
    const mid = lane * c + lane / 2;
    for (let b = 0; b < bars; b++) {
      const h = Math.max(1, peaks[b]! * (lane - 6));
      ctx.fillRect(b * 2, mid - h / 2, 1.5, h);
    }
  }
}

type Props = { pcm: Pcm; audioRef: RefObject<HTMLAudioElement | null>; durationSec: number };

/** The audio's own duration once its metadata is in, else the call's recorded duration. */
const totalSeconds = (audio: HTMLAudioElement | null, fallback: number) => (audio && Number.isFinite(audio.duration) && audio.duration > 0 ? audio.duration : fallback);

export function Waveform({ pcm, audioRef, durationSec }: Props) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const headRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    draw(canvas, pcm);
    canvas.dataset.drawn = "true";
    const observer = new ResizeObserver(() => draw(canvas, pcm));
    observer.observe(canvas);
    return () => observer.disconnect();
  }, [pcm]);

  useEffect(() => {
    let frame = 0;
    const tick = () => {
      const audio = audioRef.current;
      const total = totalSeconds(audio ?? null, durationSec);
      if (audio && headRef.current && total > 0) headRef.current.style.left = `${Math.min(100, (audio.currentTime / total) * 100)}%`;
      frame = requestAnimationFrame(tick);
    };
    frame = requestAnimationFrame(tick);
    return () => cancelAnimationFrame(frame);
  }, [audioRef, durationSec]);

  return (
    <div className="relative cursor-pointer select-none" style={{ height: HEIGHT }}>
      <canvas
        ref={canvasRef}
        data-testid="waveform"
        className="block h-full w-full"
        aria-hidden="true"
        onClick={(e) => {
          const audio = audioRef.current;
          const rect = e.currentTarget.getBoundingClientRect();
          if (audio && rect.width > 0) audio.currentTime = ((e.clientX - rect.left) / rect.width) * totalSeconds(audio, durationSec);
        }}
      />
      <div ref={headRef} aria-hidden="true" className="pointer-events-none absolute inset-y-0 left-0 w-0.5 bg-red-500" />
    </div>
  );
}
