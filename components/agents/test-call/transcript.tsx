"use client";
// The conversation so far, shared by the test call and the chat: caller and agent turns as bubbles,
// tool calls inline with their arguments and result, and what the agent is saying right now.
import { useEffect, useRef } from "react";
import { cn } from "@/components/ui/cn";
import type { TurnView } from "./types";

function ToolTurn({ turn }: { turn: TurnView }) {
  return (
    <li className="rounded-lg border border-dashed border-zinc-300 bg-zinc-50 px-3 py-2 font-mono text-xs text-zinc-700">
      <span className="font-semibold">Tool: {turn.toolName ?? "tool"}</span>
      {turn.toolArgs && <span className="block break-all">args {JSON.stringify(turn.toolArgs)}</span>}
      {turn.toolResult !== undefined && <span className="block break-all">result {JSON.stringify(turn.toolResult)}</span>}
    </li>
  );
}

export function Transcript({ turns, speaking, label, empty }: { turns: TurnView[]; speaking?: string | null; label: string; empty: string }) {
  const end = useRef<HTMLLIElement>(null);
  // Braces: scrollIntoView returns a promise in current Chromium, and an effect may only return a cleanup.
  useEffect(() => {
    end.current?.scrollIntoView({ block: "nearest" });
  }, [turns.length, speaking]);
  return (
    <ol aria-label={label} aria-live="polite" className="flex h-80 flex-col gap-2 overflow-y-auto rounded-lg border border-zinc-200 bg-white p-3 text-sm">
      {turns.length === 0 && !speaking && <li className="m-auto text-zinc-500">{empty}</li>}
      {turns.map((t) =>
        t.role === "tool" ? (
          <ToolTurn key={t.index} turn={t} />
        ) : (
          <li
            key={t.index}
            className={cn("max-w-[85%] rounded-lg px-3 py-2", t.role === "caller" ? "self-end bg-accent-600 text-white" : "self-start bg-zinc-100 text-zinc-900")}
          >
            <span className="sr-only">{t.role === "caller" ? "You: " : "Agent: "}</span>
            {t.interrupted && t.heardText !== undefined ? (
              <>
                {t.heardText}
                <span className="text-zinc-400 line-through">{t.text.slice(t.heardText.length)}</span>
              </>
            ) : (
              t.text
            )}
            {t.role === "caller" && t.understood === false && <span className="block text-xs opacity-80">(not understood)</span>}
          </li>
        ),
      )}
      {speaking && <li className="max-w-[85%] self-start rounded-lg bg-zinc-50 px-3 py-2 text-zinc-600 italic">{speaking}</li>}
      <li ref={end} aria-hidden />
    </ol>
  );
}
