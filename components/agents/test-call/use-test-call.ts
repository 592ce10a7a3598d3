"use client";
// The test call's state: asks the app for a ticket, opens the microphone and the voice server's socket,
// streams 20 ms PCM chunks up, plays the agent's audio back (flushing on barge-in) and keeps the
// transcript. Everything is released on hang-up, on the server's end of the call, and on unmount.
import { useCallback, useEffect, useRef, useState } from "react";
import { api, errorMessage } from "@/components/api-client";
import { level, MicError, openMic, type Mic } from "./mic";
import { AgentPlayer } from "./player";
import { closeMessage, socketUrl, type ServerMessage, type TestCallTicket, type TurnView } from "./types";

export type CallStatus = "idle" | "connecting" | "live" | "ended";
const RATE = 16_000;

export function useTestCall(agentId: string) {
  const [status, setStatus] = useState<CallStatus>("idle");
  const [error, setError] = useState<string | null>(null);
  const [turns, setTurns] = useState<TurnView[]>([]);
  const [speaking, setSpeaking] = useState<string | null>(null);
  const [meter, setMeter] = useState(0);
  const [muted, setMuted] = useState(false);
  const mutedRef = useRef(false);
  const release = useRef<() => void>(() => {});

  useEffect(() => () => release.current(), []);

  const hangUp = useCallback(() => release.current(), []);

  const start = useCallback(async () => {
    release.current();
    setError(null);
    setTurns([]);
    setSpeaking(null);
    setStatus("connecting");
    let ctx: AudioContext | null = null;
    let mic: Mic | null = null;
    let ws: WebSocket | null = null;
    let chunks = 0;
    const stop = (message: string | null = null) => {
      if (ws && ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify({ type: "stop" }));
      ws?.close();
      mic?.stop();
      void ctx?.close().catch(() => {});
      ws = null;
      mic = null;
      ctx = null;
      release.current = () => {};
      setSpeaking(null);
      setMeter(0);
      setStatus("ended");
      if (message) setError(message);
    };
    release.current = () => stop();
    try {
      ctx = new AudioContext({ sampleRate: RATE });
      const player = new AgentPlayer(ctx, RATE, (id) => ws?.send(JSON.stringify({ type: "mark", id })));
      mic = await openMic(ctx, (pcm) => {
        if (++chunks % 5 === 0) setMeter(mutedRef.current ? 0 : level(pcm));
        if (mutedRef.current) pcm.fill(0); // keep the line's clock running: silence, not nothing
        if (ws?.readyState === WebSocket.OPEN) ws.send(pcm.buffer);
      });
      const ticket = await api.post<TestCallTicket>(`/api/v1/agents/${encodeURIComponent(agentId)}/test-call`, { mode: "voice" });
      if (!ctx) return; // hung up while connecting
      const socket = new WebSocket(socketUrl(ticket));
      ws = socket;
      socket.binaryType = "arraybuffer";
      socket.onopen = () => {
        socket.send(JSON.stringify({ type: "start", sampleRate: RATE }));
        setStatus("live");
      };
      socket.onmessage = (e: MessageEvent<ArrayBuffer | string>) => {
        if (typeof e.data !== "string") return player.play(new Int16Array(e.data));
        const msg = JSON.parse(e.data) as ServerMessage;
        if (msg.type === "mark") player.mark(msg.id);
        else if (msg.type === "clear") player.clear();
        else if (msg.type === "segment") setSpeaking(msg.text);
        else if (msg.type === "transcript") {
          setTurns((all) => [...all, msg.turn]);
          if (msg.turn.role === "agent") setSpeaking(null);
        }
      };
      socket.onclose = (e) => {
        if (ws === socket) stop(closeMessage(e.code, e.reason));
      };
      await ctx.resume();
    } catch (err) {
      stop(err instanceof MicError ? err.message : errorMessage(err));
    }
  }, [agentId]);

  const toggleMute = useCallback(() => {
    mutedRef.current = !mutedRef.current;
    setMuted(mutedRef.current);
  }, []);

  return { status, error, turns, speaking, meter, muted, start, hangUp, toggleMute };
}
