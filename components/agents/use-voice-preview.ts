"use client";
// "Play greeting": fetches the preview WAV for a voice (in the agent's TTS model when one is chosen) and
// plays it in an <audio> element the caller renders (audioRef). One preview at a time: starting one
// stops the last, and toggle() on a loading or playing preview stops it, so a second click is "stop",
// never a second voice on top of the first.
import { useCallback, useEffect, useRef, useState } from "react";

export type PreviewStatus = "idle" | "loading" | "playing";

const FALLBACK_ERROR = "The preview could not be played. Try again.";

async function errorFrom(res: Response): Promise<string> {
  const body: unknown = await res.json().catch(() => null);
  const message = (body as { error?: { message?: unknown } } | null)?.error?.message;
  if (typeof message === "string" && message) return message;
  return res.status === 429 ? "Too many previews. Wait a minute and try again." : FALLBACK_ERROR;
}

export function useVoicePreview() {
  const audioRef = useRef<HTMLAudioElement>(null);
  const abortRef = useRef<AbortController | null>(null);
  const urlRef = useRef<string | null>(null);
  const [status, setStatus] = useState<PreviewStatus>("idle");
  const [error, setError] = useState<string | null>(null);

  const release = useCallback(() => {
    abortRef.current?.abort();
    abortRef.current = null;
    const audio = audioRef.current;
    if (audio) {
      audio.pause();
      audio.removeAttribute("src");
      audio.load();
    }
    if (urlRef.current) URL.revokeObjectURL(urlRef.current);
    urlRef.current = null;
  }, []);

  const stop = useCallback(() => {
    release();
    setStatus("idle");
  }, [release]);

  const play = useCallback(
    async (voiceId: string, text: string | undefined, model: string | undefined) => {
      release();
      const controller = new AbortController();
      abortRef.current = controller;
      setError(null);
      setStatus("loading");
      try {
        const res = await fetch(`/api/v1/voices/${encodeURIComponent(voiceId)}/preview`, {
          method: "POST",
          credentials: "same-origin",
          headers: { "Content-Type": "application/json", Accept: "audio/wav, application/json" },
          body: JSON.stringify({ text, model }), // undefined fields are left out
          signal: controller.signal,
        });
        if (!res.ok) throw new Error(await errorFrom(res));
        const blob = await res.blob();
        const audio = audioRef.current;
        if (controller.signal.aborted || !audio) return;
        urlRef.current = URL.createObjectURL(blob);
        audio.src = urlRef.current;
        await audio.play();
        if (!controller.signal.aborted) setStatus("playing");
      } catch (err) {
        if (controller.signal.aborted) return; // stopped on purpose: not an error
        release();
        setStatus("idle");
        if (err instanceof DOMException && err.name === "NotAllowedError") setError("The browser blocked playback. Click Play again.");
        else if (err instanceof TypeError) setError("Could not reach Frontdesk. Check your connection and try again.");
        else setError(err instanceof Error && err.message ? err.message : FALLBACK_ERROR);
      }
    },
    [release],
  );

  const toggle = useCallback(
    (voiceId: string, text: string | undefined, model?: string) => {
      if (status === "idle") void play(voiceId, text, model);
      else stop();
    },
    [play, status, stop],
  );

  // Leaving the page stops the sound and frees the audio.
  useEffect(() => release, [release]);

  return { audioRef, status, error, toggle, stop };
}
