"use client";
// One message in the inbox: who called, how to call back, what they said, and the handled toggle.
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { CheckIcon } from "@/components/ui/icons";
import { TimeText } from "@/components/ui/time-text";
import { cn } from "@/components/ui/cn";
import { MessageAudioPlayer } from "./message-audio-player";
import { STATUS_LABEL, URGENCY, telHref } from "./message-format";
import { isUnhandled } from "./queries";
import type { Message, MessageStatus } from "./types";

export function MessageItem({ message: m, onSetStatus }: { message: Message; onSetStatus: (status: MessageStatus) => void }) {
  const open = isUnhandled(m.status);
  const caller = m.callerName || m.callerPhone || m.call?.fromNumber || "Unknown caller";
  const urgency = URGENCY[m.urgency];
  return (
    <li aria-label={`Message from ${caller}`} className={cn("flex flex-col gap-3 px-4 py-4 sm:flex-row sm:items-start sm:px-5", !open && "bg-zinc-50/60")}>
      <div className="min-w-0 flex-1">
        <div className="flex flex-wrap items-center gap-2">
          <p className={cn("font-medium text-zinc-900", m.status === "NEW" && "font-semibold")}>{caller}</p>
          {m.urgency !== "NORMAL" && <Badge tone={urgency.tone}>{urgency.label}</Badge>}
          <Badge tone={open ? (m.status === "NEW" ? "accent" : "neutral") : "success"} dot>
            {STATUS_LABEL[m.status]}
          </Badge>
        </div>
        {m.callerPhone && (
          <a href={telHref(m.callerPhone)} className="focus-ring mt-0.5 inline-block rounded text-sm text-accent-700 tabular-nums hover:underline">
            {m.callerPhone}
          </a>
        )}
        <p className="mt-2 text-sm whitespace-pre-line text-zinc-700">{m.body}</p>
        {m.audio && m.callId && (
          <div className="mt-2">
            <MessageAudioPlayer callId={m.callId} audio={m.audio} caller={caller} />
          </div>
        )}
        <p className="mt-2 flex flex-wrap gap-x-2 text-xs text-zinc-500">
          <TimeText iso={m.createdAt} format="relative" />
          {m.agent && <span>· taken by {m.agent.name}</span>}
          {m.call && (
            <Link href={`/calls/${m.call.id}`} className="focus-ring rounded text-accent-700 hover:underline">
              · View call
            </Link>
          )}
          {m.status === "HANDLED" && m.handledBy && <span>· handled by {m.handledBy.name}</span>}
        </p>
      </div>
      <div className="shrink-0">
        {open ? (
          <Button size="sm" variant="secondary" icon={<CheckIcon className="size-4" />} onClick={() => onSetStatus("HANDLED")} aria-label={`Mark message from ${caller} handled`}>
            Mark handled
          </Button>
        ) : (
          <Button size="sm" variant="ghost" onClick={() => onSetStatus("READ")} aria-label={`Reopen message from ${caller}`}>
            Reopen
          </Button>
        )}
      </div>
    </li>
  );
}
