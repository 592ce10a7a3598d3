"use client";
// The agent page's "Test" panel: a call through the microphone, or a text chat, with this agent.
import { useState } from "react";
import { Card } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { TestCallTab } from "./test-call-tab";
import { TestChatTab } from "./test-chat-tab";

const TABS = [
  { id: "call", label: "Call" },
  { id: "chat", label: "Chat" },
] as const;

export function AgentTestPanel({ agentId, enabled }: { agentId: string; enabled: boolean }) {
  const [tab, setTab] = useState<(typeof TABS)[number]["id"]>("call");
  return (
    <Card id="agent-test" title="Test" description="Try the agent before callers do." className="mb-6" bodyClassName="px-5 py-4 sm:px-6">
      {!enabled ? (
        <p className="text-sm text-zinc-600">This agent is switched off. Enable it to test it.</p>
      ) : (
        <>
          <div role="tablist" aria-label="Test mode" className="mb-4 flex gap-1 border-b border-zinc-200">
            {TABS.map((t) => (
              <button
                key={t.id}
                type="button"
                role="tab"
                id={`agent-test-tab-${t.id}`}
                aria-selected={tab === t.id}
                aria-controls={`agent-test-panel-${t.id}`}
                onClick={() => setTab(t.id)}
                className={cn(
                  "focus-ring -mb-px border-b-2 px-3 py-2 text-sm font-medium",
                  tab === t.id ? "border-accent-600 text-accent-700" : "border-transparent text-zinc-500 hover:text-zinc-800",
                )}
              >
                {t.label}
              </button>
            ))}
          </div>
          <div role="tabpanel" id={`agent-test-panel-${tab}`} aria-labelledby={`agent-test-tab-${tab}`}>
            {tab === "call" ? <TestCallTab agentId={agentId} /> : <TestChatTab agentId={agentId} />}
          </div>
        </>
      )}
    </Card>
  );
}
