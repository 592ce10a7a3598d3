"use client";
// The calls list's filter bar. Every change goes to the URL (calls-browser.tsx); the transcript search
// waits for a pause in typing so each keystroke is not a request.
import { useEffect, useState } from "react";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { DIRECTION, STATUS } from "./call-format";
import type { CallFilters } from "./list-filters";
import { AgentOptions } from "@/components/agents/agent-options";

export const SEARCH_DEBOUNCE_MS = 350;

type Props = { filters: CallFilters; agents: { id: string; name: string }[]; onChange: (patch: Partial<CallFilters>) => void };

const label = "mb-1 block text-xs font-medium text-zinc-600";

export function CallFiltersBar({ filters, agents, onChange }: Props) {
  const [q, setQ] = useState(filters.q);
  const [urlQ, setUrlQ] = useState(filters.q);
  const [sent, setSent] = useState(filters.q);
  // The URL changed under us (back button, "clear"): show what it says. Not when it is our own search
  // arriving, which the user may already have typed past.
  if (urlQ !== filters.q) {
    setUrlQ(filters.q);
    if (filters.q !== sent.trim()) setQ(filters.q);
  }
  useEffect(() => {
    if (q.trim() === filters.q) return;
    const timer = window.setTimeout(() => {
      setSent(q);
      onChange({ q });
    }, SEARCH_DEBOUNCE_MS);
    return () => window.clearTimeout(timer);
  }, [q, filters.q, onChange]);

  return (
    <form role="search" aria-label="Filter calls" className="grid gap-3 rounded-xl border border-zinc-200 bg-white p-4 shadow-xs sm:grid-cols-2 lg:grid-cols-7" onSubmit={(e) => e.preventDefault()}>
      <div className="sm:col-span-2">
        <label htmlFor="calls-q" className={label}>Search transcripts</label>
        <Input id="calls-q" type="search" value={q} placeholder="e.g. parking" onChange={(e) => setQ(e.target.value)} />
      </div>
      <div>
        <label htmlFor="calls-from" className={label}>From</label>
        <Input id="calls-from" type="date" value={filters.from} max={filters.to || undefined} onChange={(e) => onChange({ from: e.target.value })} />
      </div>
      <div>
        <label htmlFor="calls-to" className={label}>To</label>
        <Input id="calls-to" type="date" value={filters.to} min={filters.from || undefined} onChange={(e) => onChange({ to: e.target.value })} />
      </div>
      <div>
        <label htmlFor="calls-agent" className={label}>Agent</label>
        <Select id="calls-agent" value={filters.agentId} onChange={(e) => onChange({ agentId: e.target.value })}>
          <AgentOptions agents={agents} none="All agents" />
        </Select>
      </div>
      <div>
        <label htmlFor="calls-status" className={label}>Status</label>
        <Select id="calls-status" value={filters.status} onChange={(e) => onChange({ status: e.target.value })}>
          <option value="">Any status</option>
          {Object.entries(STATUS).map(([value, s]) => (
            <option key={value} value={value}>{s.label}</option>
          ))}
        </Select>
      </div>
      <div>
        <label htmlFor="calls-direction" className={label}>Direction</label>
        <Select id="calls-direction" value={filters.direction} onChange={(e) => onChange({ direction: e.target.value })}>
          <option value="">Any direction</option>
          {Object.entries(DIRECTION).map(([value, text]) => (
            <option key={value} value={value}>{text}</option>
          ))}
        </Select>
      </div>
    </form>
  );
}
