"use client";
// The Live view's socket to the voice server: a fresh token from the app for every (re)connection,
// reconnects with capped exponential back-off (jittered), re-sends the subscriptions on each open,
// and reports its state so the page can show it. Events go to `onEvent` (kept in a ref: no reconnect
// when the handler changes).
import { useCallback, useEffect, useRef, useState } from "react";
import { api } from "@/components/api-client";
import type { LiveBrowserEvent, LiveClientMessage, LiveServerMessage } from "@/lib/realtime/live-wire";

export type LiveConnection = "connecting" | "open" | "reconnecting";

const MIN_BACKOFF_MS = 500;
const MAX_BACKOFF_MS = 15_000;

export function useLiveSocket({ callId, onEvent, onRefused }: { callId: string | null; onEvent: (e: LiveBrowserEvent) => void; onRefused?: (callId: string) => void }) {
  const [state, setState] = useState<LiveConnection>("connecting");
  const wsRef = useRef<WebSocket | null>(null);
  const handlers = useRef({ onEvent, onRefused });
  const following = useRef<string | null>(callId);
  const [connectedAt, setConnectedAt] = useState(0);

  useEffect(() => {
    handlers.current = { onEvent, onRefused };
  });

  const send = useCallback((m: LiveClientMessage) => {
    if (wsRef.current?.readyState === WebSocket.OPEN) wsRef.current.send(JSON.stringify(m));
  }, []);

  useEffect(() => {
    let stopped = false;
    let attempt = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;

    const retry = () => {
      if (stopped) return;
      setState("reconnecting");
      const ceiling = Math.min(MAX_BACKOFF_MS, MIN_BACKOFF_MS * 2 ** attempt++);
      timer = setTimeout(connect, ceiling / 2 + Math.random() * (ceiling / 2));
    };

    async function connect() {
      let ws: WebSocket;
      try {
        const { token, url } = await api.post<{ token: string; url: string }>("/api/v1/live/token");
        if (stopped) return;
        ws = new WebSocket(`${url}?token=${encodeURIComponent(token)}`);
      } catch {
        return retry();
      }
      wsRef.current = ws;
      ws.onopen = () => {
        attempt = 0;
        setState("open");
        ws.send(JSON.stringify({ op: "subscribe", channel: "calls" } satisfies LiveClientMessage));
        if (following.current) ws.send(JSON.stringify({ op: "subscribe", callId: following.current } satisfies LiveClientMessage));
        // Events missed while disconnected are in the database: the page refetches on this.
        setConnectedAt(Date.now());
      };
      ws.onmessage = (msg) => {
        let m: LiveServerMessage;
        try {
          m = JSON.parse(String(msg.data)) as LiveServerMessage;
        } catch {
          return;
        }
        if (m.type === "event") handlers.current.onEvent(m.event);
        else if (m.type === "error" && m.code === "CALL_NOT_FOUND" && m.callId) handlers.current.onRefused?.(m.callId);
      };
      ws.onclose = () => {
        if (wsRef.current === ws) wsRef.current = null;
        retry();
      };
    }

    void connect();
    return () => {
      stopped = true;
      clearTimeout(timer);
      wsRef.current?.close(1000, "page left");
      wsRef.current = null;
    };
  }, []);

  // Follow the opened call (and stop following the previous one).
  useEffect(() => {
    const previous = following.current;
    following.current = callId;
    if (previous && previous !== callId) send({ op: "unsubscribe", callId: previous });
    if (callId && previous !== callId) send({ op: "subscribe", callId });
  }, [callId, send]);

  return { state, connectedAt };
}
