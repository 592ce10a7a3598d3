"use client";
// "Test retrieval": ask what a caller would, see the passages an agent would answer from, best first,
// with their score and source. Any member may use it; it changes nothing.
import Link from "next/link";
import { useState, type FormEvent } from "react";
import type { Agent } from "@/components/agents/types";
import { errorMessage } from "@/components/api-client";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { useSearchKnowledge } from "./queries";
import type { KnowledgePassage } from "./types";
import { AgentOptions } from "@/components/agents/agent-options";

const RESULT_LIMIT = 5;

export function TestRetrieval({ agents }: { agents: Pick<Agent, "id" | "name">[] }) {
  const search = useSearchKnowledge();
  const [query, setQuery] = useState("");
  const [agentId, setAgentId] = useState("");
  const [error, setError] = useState<string | undefined>();

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!query.trim()) {
      setError("Enter a question");
      return;
    }
    setError(undefined);
    search.mutate({ query: query.trim(), agentId: agentId || undefined, limit: RESULT_LIMIT });
  };

  return (
    <div className="space-y-4">
      <form onSubmit={onSubmit} noValidate aria-label="Test retrieval" className="grid gap-4 md:grid-cols-[minmax(0,2fr)_minmax(0,1fr)_auto] md:items-start">
        <Field id="test-query" label="Question" error={error}>
          <Input value={query} placeholder="What are your opening hours on Saturday?" onChange={(e) => setQuery(e.target.value)} />
        </Field>
        <Field id="test-agent" label="As agent">
          <Select value={agentId} onChange={(e) => setAgentId(e.target.value)}>
            <AgentOptions agents={agents} none="Any agent" />
          </Select>
        </Field>
        <div className="md:pt-7">
          <Button type="submit" loading={search.isPending} className="w-full md:w-auto">
            Search
          </Button>
        </div>
      </form>
      <div aria-live="polite">
        {search.isError && <Alert title="Search failed">{errorMessage(search.error)}</Alert>}
        {search.isSuccess &&
          (search.data.data.length === 0 ? (
            <p className="text-sm text-zinc-500">Nothing in the knowledge base answers this yet.</p>
          ) : (
            <div>
              <p className="mb-2 text-xs text-zinc-500 tabular-nums">
                {search.data.data.length} {search.data.data.length === 1 ? "passage" : "passages"} in {Math.round(search.data.tookMs)} ms
              </p>
              <ol aria-label="Passages found" className="space-y-3">
                {search.data.data.map((passage, index) => (
                  <PassageCard key={`${passage.source}-${passage.id}`} passage={passage} rank={index + 1} />
                ))}
              </ol>
            </div>
          ))}
      </div>
    </div>
  );
}

function PassageCard({ passage, rank }: { passage: KnowledgePassage; rank: number }) {
  const where = [passage.heading, passage.page !== null ? `page ${passage.page}` : null].filter(Boolean).join(" · ");
  return (
    <li className="rounded-lg border border-zinc-200 p-4" aria-label={`Passage ${rank}: ${passage.title}`}>
      <div className="flex flex-wrap items-center gap-2 text-sm">
        <span className="text-xs font-medium text-zinc-400 tabular-nums">#{rank}</span>
        {passage.source === "faq" ? <Badge tone="accent">FAQ</Badge> : <Badge>Document</Badge>}
        {passage.source === "document" && passage.documentId ? (
          <Link href={`/knowledge/${passage.documentId}`} className="focus-ring rounded font-medium text-zinc-900 hover:text-accent-700">
            {passage.title}
          </Link>
        ) : (
          <span className="font-medium text-zinc-900">{passage.title}</span>
        )}
        <span className="ml-auto text-xs text-zinc-500 tabular-nums">score {passage.score.toFixed(3)}</span>
      </div>
      {where && <p className="mt-1 text-xs text-zinc-500">{where}</p>}
      <p className="mt-2 line-clamp-6 text-sm whitespace-pre-line text-zinc-700">{passage.text}</p>
    </li>
  );
}
