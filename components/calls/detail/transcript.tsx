"use client";
// The call as a conversation: caller on the left, agent on the right, tool calls between them. The
// turn under the playback position is highlighted and kept in view; a turn's time seeks the recording.
import { useEffect, useRef } from "react";
import { Badge } from "@/components/ui/badge";
import { cn } from "@/components/ui/cn";
import { formatClock } from "../call-format";
import type { CallTurn } from "../types";
import { splitHeard } from "./transcript-model";

type Props = {
  turns: CallTurn[];
  /** Index into `turns` of the turn being played, -1 for none. */
  active: number;
  /** Absent when there is no recording to seek. */
  onSeek?: (ms: number) => void;
  /** Keep the active turn scrolled into view (while playing, not while the user reads). */
  follow: boolean;
};

function Json({ label, value }: { label: string; value: unknown }) {
  if (value === null || value === undefined) return null;
  return (
    <details className="mt-1.5">
      <summary className="focus-ring cursor-pointer rounded text-xs font-medium text-zinc-600">{label}</summary>
      <pre className="mt-1 max-h-64 overflow-auto rounded-md bg-zinc-900 p-2 text-xs text-zinc-100">{JSON.stringify(value, null, 2)}</pre>
    </details>
  );
}

function TurnBody({ turn }: { turn: CallTurn }) {
  if (turn.role === "TOOL") {
    return (
      <>
        <p className="text-xs font-semibold text-zinc-700">Tool: {turn.toolName ?? "unknown"}</p>
        {turn.text && <p className="mt-0.5 text-xs text-zinc-600">{turn.text}</p>}
        <Json label="Arguments" value={turn.toolArgs} />
        <Json label="Result" value={turn.toolResult} />
      </>
    );
  }
  const { heard, unheard } = splitHeard(turn);
  return (
    <p className="text-sm whitespace-pre-line">
      <span>{heard}</span>
      {unheard && (
        <>
          <span className="sr-only"> (not heard by the caller:</span>
          <del data-testid="unheard" className="text-zinc-400 decoration-zinc-400">{unheard}</del>
          <span className="sr-only">)</span>
        </>
      )}
    </p>
  );
}

export function Transcript({ turns, active, onSeek, follow }: Props) {
  const activeRef = useRef<HTMLLIElement>(null);
  useEffect(() => {
    if (follow) activeRef.current?.scrollIntoView({ block: "nearest", behavior: "smooth" });
  }, [active, follow]);

  if (turns.length === 0) return <p className="text-sm text-zinc-500">Nothing was said on this call.</p>;
  return (
    <ol aria-label="Transcript" className="space-y-3">
      {turns.map((turn, i) => {
        const agent = turn.role === "AGENT";
        const side = turn.role === "CALLER" ? "items-start" : agent ? "items-end" : "items-center";
        const who = turn.role === "CALLER" ? "Caller" : agent ? "Agent" : turn.role === "TOOL" ? "Tool" : "System";
        const clock = formatClock(turn.startMs);
        return (
          <li key={turn.id} ref={i === active ? activeRef : undefined} aria-current={i === active ? "true" : undefined} className={cn("flex flex-col", side)}>
            <div className="mb-1 flex items-center gap-2 text-xs text-zinc-500">
              <span className="font-medium text-zinc-700">{who}</span>
              {onSeek ? (
                <button type="button" onClick={() => onSeek(turn.startMs)} className="focus-ring rounded tabular-nums hover:text-accent-700 hover:underline" aria-label={`Play from ${clock}`}>
                  {clock}
                </button>
              ) : (
                <span className="tabular-nums">{clock}</span>
              )}
              {turn.interrupted && <Badge tone="warning">interrupted</Badge>}
            </div>
            <div
              onClick={
                onSeek
                  ? (e) => {
                      // Opening a tool's JSON or selecting text is not a request to jump there.
                      if ((e.target as HTMLElement).closest("details, a, button") || window.getSelection()?.toString()) return;
                      onSeek(turn.startMs);
                    }
                  : undefined
              }
              className={cn(
                "max-w-[85%] rounded-2xl px-3.5 py-2 transition-shadow",
                turn.role === "CALLER" && "rounded-tl-sm bg-zinc-100 text-zinc-900",
                agent && "rounded-tr-sm bg-accent-50 text-zinc-900",
                !agent && turn.role !== "CALLER" && "w-full max-w-xl border border-dashed border-zinc-300 bg-white",
                onSeek && "cursor-pointer",
                i === active && "ring-2 ring-accent-500",
              )}
            >
              <TurnBody turn={turn} />
            </div>
          </li>
        );
      })}
    </ol>
  );
}
