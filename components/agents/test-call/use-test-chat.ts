"use client";
// The chat with the agent: one WebSocket to the voice server's text transport. The agent greets
// first; the input is closed while the agent is answering ("idle" opens it again).
import { useCallback, useEffect, useRef, useState } from "react";
import { api, errorMessage } from "@/components/api-client";
import { closeMessage, socketUrl, type ServerMessage, type TestCallTicket, type TurnView } from "./types";

export type ChatStatus = "idle" | "connecting" | "waiting" | "ready" | "ended";

export function useTestChat(agentId: string) {
  const [status, setStatus] = useState<ChatStatus>("idle");
  const [error, setError] = useState<string | null>(null);
  const [turns, setTurns] = useState<TurnView[]>([]);
  const socket = useRef<WebSocket | null>(null);

  const close = useCallback(() => {
    const ws = socket.current;
    socket.current = null;
    if (ws?.readyState === WebSocket.OPEN) ws.send(JSON.stringify({ type: "stop" }));
    ws?.close();
  }, []);
  useEffect(() => close, [close]);

  const start = useCallback(async () => {
    close();
    setError(null);
    setTurns([]);
    setStatus("connecting");
    try {
      const ticket = await api.post<TestCallTicket>(`/api/v1/agents/${encodeURIComponent(agentId)}/test-call`, { mode: "text" });
      const ws = new WebSocket(socketUrl(ticket));
      socket.current = ws;
      ws.onopen = () => setStatus("waiting");
      ws.onmessage = (e: MessageEvent<string>) => {
        const msg = JSON.parse(e.data) as ServerMessage;
        if (msg.type === "transcript") setTurns((all) => [...all, msg.turn]);
        else if (msg.type === "idle") setStatus("ready");
      };
      ws.onclose = (e) => {
        if (socket.current === ws) socket.current = null;
        setStatus("ended");
        const message = closeMessage(e.code, e.reason);
        if (message) setError(message);
      };
    } catch (err) {
      setStatus("idle");
      setError(errorMessage(err));
    }
  }, [agentId, close]);

  const send = useCallback((text: string) => {
    const ws = socket.current;
    if (!ws || ws.readyState !== WebSocket.OPEN) return;
    ws.send(JSON.stringify({ type: "user", text }));
    setStatus("waiting");
  }, []);

  return { status, error, turns, start, send, close };
}
