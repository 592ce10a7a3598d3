"use client";
// The messages inbox: what the agents took for the team, unhandled first by default. Marking handled
// or reopening is optimistic (queries.ts); a refusal puts the row back and says why in a toast.
import { useState } from "react";
import { errorMessage } from "@/components/api-client";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { EmptyState } from "@/components/ui/empty-state";
import { InboxIcon } from "@/components/ui/icons";
import { Skeleton } from "@/components/ui/skeleton";
import { useToast } from "@/components/ui/toast";
import { MessageItem } from "./message-item";
import { useMessages, useSetMessageStatus } from "./queries";
import type { MessageFilter, MessageStatus } from "./types";
import { LoadMore } from "@/components/ui/load-more";

const FILTERS: { value: MessageFilter; label: string }[] = [
  { value: "unhandled", label: "Unhandled" },
  { value: "all", label: "All" },
];

export function MessageInbox() {
  const [filter, setFilter] = useState<MessageFilter>("unhandled");
  const messages = useMessages(filter);
  const setStatus = useSetMessageStatus();
  const toast = useToast();
  const [announcement, setAnnouncement] = useState("");
  const rows = messages.data?.pages.flatMap((p) => p.data) ?? [];

  const change = (id: string, caller: string, status: MessageStatus) => {
    setAnnouncement(status === "HANDLED" ? `Message from ${caller} marked handled` : `Message from ${caller} reopened`);
    setStatus.mutate({ id, status }, { onError: (error) => toast({ tone: "error", title: "Could not update the message", description: errorMessage(error) }) });
  };

  let body;
  if (messages.isPending) {
    body = (
      <div role="status" className="space-y-2">
        <span className="sr-only">Loading messages…</span>
        {[0, 1, 2].map((i) => <Skeleton key={i} className="h-24 rounded-xl" />)}
      </div>
    );
  } else if (messages.isError && rows.length === 0) {
    body = (
      <Alert title="Could not load messages" action={<Button size="sm" variant="secondary" onClick={() => void messages.refetch()}>Retry</Button>}>
        {errorMessage(messages.error)}
      </Alert>
    );
  } else if (rows.length === 0) {
    body = (
      <EmptyState
        icon={<InboxIcon className="size-6" />}
        title={filter === "unhandled" ? "All caught up" : "No messages yet"}
        description={filter === "unhandled" ? "Every message your agents took has been handled." : "When a caller leaves a message with one of your agents, it appears here."}
      />
    );
  } else {
    body = (
      <ul aria-label="Messages" className="divide-y divide-zinc-100 overflow-hidden rounded-xl border border-zinc-200 bg-white shadow-xs">
        {rows.map((m) => (
          <MessageItem key={m.id} message={m} onSetStatus={(status) => change(m.id, m.callerName || m.callerPhone || "unknown caller", status)} />
        ))}
      </ul>
    );
  }

  return (
    <div className="space-y-4">
      <div role="group" aria-label="Show" className="inline-flex rounded-lg border border-zinc-300 bg-white p-0.5 shadow-xs">
        {FILTERS.map((f) => (
          <button
            key={f.value}
            type="button"
            aria-pressed={filter === f.value}
            onClick={() => setFilter(f.value)}
            className={cn("focus-ring rounded-md px-3 py-1.5 text-sm font-medium", filter === f.value ? "bg-accent-50 text-accent-700" : "text-zinc-600 hover:bg-zinc-50")}
          >
            {f.label}
          </button>
        ))}
      </div>
      {body}
      <LoadMore query={messages} label="Show more messages" />
      <p aria-live="polite" className="sr-only">{announcement}</p>
    </div>
  );
}
