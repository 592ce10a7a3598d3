"use client";
// The Live view: the workspace's calls in progress, kept current by the voice server's /live socket,
// and the transcript of the one opened. The list starts from the API (status IN_PROGRESS) and is
// refetched when a call it does not know starts and after every reconnect (events missed while the
// socket was down are in the database); a call leaves on call.ended. One 1 s clock ticks every row.
import { useQuery } from "@tanstack/react-query";
import { useCallback, useEffect, useMemo, useState } from "react";
import { api } from "@/components/api-client";
import { Alert } from "@/components/ui/alert";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PhoneIcon } from "@/components/ui/icons";
import { formatDuration } from "../call-format";
import type { Call, CallDetail } from "../types";
import { EndCallButton } from "./end-call-button";
import { activityOf, EMPTY_TRANSCRIPT, IDLE, loadedItems, mergeLoaded, nextActivity, nextTranscript, type Activity, type CallActivity, type Transcript } from "./live-state";
import { LiveTranscript } from "./live-transcript";
import { useLiveSocket, type LiveConnection } from "./use-live-socket";
import type { LiveBrowserEvent } from "@/lib/realtime/live-wire";

const ACTIVITY: Record<Activity, { label: string; tone: BadgeTone }> = {
  agent: { label: "Agent speaking", tone: "accent" },
  caller: { label: "Caller speaking", tone: "success" },
  tool: { label: "Tool running", tone: "warning" },
  thinking: { label: "Thinking", tone: "neutral" },
  listening: { label: "Listening", tone: "neutral" },
};

const CONNECTION: Record<LiveConnection, { label: string; tone: BadgeTone }> = {
  open: { label: "Live", tone: "success" },
  connecting: { label: "Connecting…", tone: "neutral" },
  reconnecting: { label: "Reconnecting…", tone: "warning" },
};

const liveKey = ["calls", "live"] as const;

export function LiveCalls({ isAdmin }: { isAdmin: boolean }) {
  const [openId, setOpenId] = useState<string | null>(null);
  const [ended, setEnded] = useState<ReadonlySet<string>>(new Set());
  const [activity, setActivity] = useState<Record<string, CallActivity>>({});
  const [transcript, setTranscript] = useState<Transcript>(EMPTY_TRANSCRIPT);
  const [now, setNow] = useState(() => Date.now());
  const list = useQuery({ queryKey: liveKey, queryFn: ({ signal }) => api.get<Call[]>("/api/v1/calls?status=IN_PROGRESS&limit=100", signal) });
  const calls = (list.data ?? []).filter((c) => !ended.has(c.id));
  const { refetch } = list;

  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);

  const onEvent = useCallback(
    (e: LiveBrowserEvent) => {
      if (e.type === "call.ended") setEnded((s) => new Set(s).add(e.callId));
      if (e.type === "call.started" && !list.data?.some((c) => c.id === e.callId)) void refetch();
      setActivity((all) => ({ ...all, [e.callId]: nextActivity(all[e.callId] ?? IDLE, e) }));
      if (e.callId === openId) setTranscript((t) => nextTranscript(t, e));
    },
    [list.data, openId, refetch],
  );
  const { state, connectedAt } = useLiveSocket({ callId: openId, onEvent });

  useEffect(() => {
    if (connectedAt) void refetch();
  }, [connectedAt, refetch]);

  // Opening a call: its stored history, with whatever arrived live (and it does not hold) after it.
  const detail = useQuery({
    queryKey: ["calls", "detail", openId],
    queryFn: ({ signal }) => api.get<CallDetail>(`/api/v1/calls/${encodeURIComponent(openId!)}`, signal),
    enabled: openId !== null,
    staleTime: Infinity,
  });
  const shown = useMemo(() => (detail.data ? mergeLoaded(transcript, loadedItems(detail.data)) : transcript), [detail.data, transcript]);

  const open = (id: string | null) => {
    setTranscript(EMPTY_TRANSCRIPT);
    setOpenId(id);
  };
  const opened = calls.find((c) => c.id === openId) ?? null;
  const conn = CONNECTION[state];

  return (
    <div className="space-y-4">
      <div className="flex items-center justify-between" aria-live="polite">
        <p className="text-sm text-zinc-600">{calls.length === 1 ? "1 call in progress" : `${calls.length} calls in progress`}</p>
        <Badge tone={conn.tone} dot>
          <span data-testid="live-connection">{conn.label}</span>
        </Badge>
      </div>
      {list.isError && <Alert action={<Button size="sm" variant="secondary" onClick={() => void refetch()}>Retry</Button>}>Could not load the calls in progress.</Alert>}
      {list.isPending ? (
        <p className="text-sm text-zinc-500">Loading calls in progress…</p>
      ) : calls.length === 0 ? (
        <EmptyState icon={<PhoneIcon className="size-6" />} title="No calls right now" description="Calls to your numbers appear here the moment they are answered." />
      ) : (
        <ul aria-label="Calls in progress" className="divide-y divide-zinc-200 rounded-xl border border-zinc-200 bg-white">
          {calls.map((c) => {
            const act = ACTIVITY[activityOf(activity[c.id] ?? IDLE)];
            const since = Date.parse(c.answeredAt ?? c.startedAt);
            return (
              <li key={c.id} className="flex flex-wrap items-center gap-3 px-4 py-3">
                <button type="button" onClick={() => open(openId === c.id ? null : c.id)} aria-expanded={openId === c.id} className="focus-ring min-w-0 flex-1 rounded text-left">
                  <span className="block font-medium text-zinc-900">{c.fromNumber}</span>
                  <span className="block text-sm text-zinc-600">{c.agent?.name ?? "No agent"}</span>
                </button>
                <span className="w-16 text-sm text-zinc-700 tabular-nums" aria-label="Duration">
                  {formatDuration(Math.max(0, (now - since) / 1000))}
                </span>
                <Badge tone={act.tone}>{act.label}</Badge>
                {isAdmin && <EndCallButton callId={c.id} caller={c.fromNumber} ending={activity[c.id]?.ending ?? false} onRequested={() => setActivity((a) => ({ ...a, [c.id]: { ...(a[c.id] ?? IDLE), ending: true } }))} />}
              </li>
            );
          })}
        </ul>
      )}
      {opened && (
        <section aria-label={`Transcript of the call from ${opened.fromNumber}`} className="space-y-2">
          <h2 className="text-sm font-semibold text-zinc-900">Transcript · {opened.fromNumber}</h2>
          {detail.isError && <Alert tone="warning">The earlier part of this call could not be loaded; new lines still arrive.</Alert>}
          <LiveTranscript transcript={shown} loading={detail.isPending} />
        </section>
      )}
    </div>
  );
}
