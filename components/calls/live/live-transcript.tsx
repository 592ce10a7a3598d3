"use client";
// One live call's transcript: finished turns, the agent's sentence being spoken, tool calls and
// events inline. Follows the bottom as lines arrive, unless the reader scrolled up.
import { useEffect, useRef } from "react";
import { cn } from "@/components/ui/cn";
import { providerFaultLine } from "../provider-fault";
import type { Transcript, TranscriptItem } from "./live-state";

const ROLE: Record<string, string> = { AGENT: "Agent", CALLER: "Caller", TOOL: "Tool", SYSTEM: "System" };

function eventLine(i: Extract<TranscriptItem, { kind: "event" }>): string {
  const p = i.payload;
  switch (i.type) {
    case "tool.started":
      return `Running ${String(p.name ?? "a tool")}…`;
    case "barge_in":
      return "The caller interrupted the agent";
    case "dtmf":
      return `The caller pressed ${String(p.digit ?? "a key")}`;
    case "transfer":
      return `Transferring to ${String(p.to ?? "a colleague")}`;
    case "silence.reprompt":
      return "The caller went quiet: the agent checked in";
    case "call.end_requested":
      return "An admin asked to end the call";
    case "provider.fault":
      return providerFaultLine(p);
    case "call.ended":
      return p.by === "admin" ? "Call ended by an admin" : `Call ended (${String(p.reason ?? "").toLowerCase().replaceAll("_", " ")})`;
    default:
      return `Error: ${String(p.message ?? "something went wrong")}`;
  }
}

function Turn({ item }: { item: Extract<TranscriptItem, { kind: "turn" }> }) {
  if (item.role === "TOOL") {
    return (
      <li className="text-xs text-zinc-500">
        <span className="font-medium text-zinc-700">Tool {item.toolName}</span> {item.toolArgs ? <code className="break-all">{JSON.stringify(item.toolArgs)}</code> : null}
      </li>
    );
  }
  const agent = item.role === "AGENT";
  const cut = item.interrupted && item.heardText !== null && item.heardText !== undefined;
  const unheard = cut ? item.text.slice(item.heardText!.length) : "";
  return (
    <li className={cn("max-w-[85%] rounded-lg px-3 py-2 text-sm", agent ? "self-start bg-zinc-100 text-zinc-900" : "self-end bg-accent-50 text-accent-900")}>
      <span className="sr-only">{ROLE[item.role] ?? item.role}: </span>
      {cut ? item.heardText : item.text}
      {unheard && <span className="text-zinc-400" title="Not heard: the caller interrupted">{unheard}</span>}
    </li>
  );
}

export function LiveTranscript({ transcript, loading }: { transcript: Transcript; loading: boolean }) {
  const box = useRef<HTMLDivElement>(null);
  const stick = useRef(true);

  useEffect(() => {
    const el = box.current;
    if (el && stick.current) el.scrollTop = el.scrollHeight;
  }, [transcript]);

  const empty = transcript.items.length === 0 && transcript.speaking.length === 0;
  return (
    <div
      ref={box}
      onScroll={(e) => {
        const el = e.currentTarget;
        stick.current = el.scrollHeight - el.scrollTop - el.clientHeight < 40;
      }}
      className="h-[28rem] overflow-y-auto rounded-lg border border-zinc-200 bg-white p-4"
    >
      {empty ? (
        <p className="text-sm text-zinc-500">{loading ? "Loading the transcript…" : "Nothing said yet."}</p>
      ) : (
        <ol aria-label="Transcript" aria-live="polite" className="flex flex-col gap-2">
          {transcript.items.map((i) =>
            i.kind === "turn" ? (
              <Turn key={i.key} item={i} />
            ) : (
              <li key={i.key} className="self-center text-xs text-zinc-500">
                {eventLine(i)}
              </li>
            ),
          )}
          {transcript.speaking.length > 0 && (
            <li className="max-w-[85%] self-start rounded-lg bg-zinc-50 px-3 py-2 text-sm text-zinc-700 ring-1 ring-zinc-200" aria-label="Agent speaking">
              {transcript.speaking.join(" ")}
              <span aria-hidden="true" className="ml-1 animate-pulse">▍</span>
            </li>
          )}
        </ol>
      )}
    </div>
  );
}
