"use client";
// A document's chunks, one page at a time: what the index holds and retrieval returns, each with its
// heading path, page and token count. Pages follow the API's cursor; earlier cursors are kept for Previous.
import { errorMessage } from "@/components/api-client";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ArrowLeftIcon, ArrowRightIcon } from "@/components/ui/icons";
import { Skeleton } from "@/components/ui/skeleton";
import type { KnowledgeChunk } from "./types";

type ChunkListProps = {
  chunks: KnowledgeChunk[] | undefined;
  total: number;
  loading: boolean;
  error: unknown;
  hasPrevious: boolean;
  hasNext: boolean;
  onPrevious: () => void;
  onNext: () => void;
};

export function ChunkList({ chunks, total, loading, error, hasPrevious, hasNext, onPrevious, onNext }: ChunkListProps) {
  if (error) return <Alert title="Could not load the chunks">{errorMessage(error)}</Alert>;
  if (!chunks) {
    return (
      <div role="status" className="space-y-2">
        <span className="sr-only">Loading chunks…</span>
        <Skeleton className="h-20 rounded-lg" />
        <Skeleton className="h-20 rounded-lg" />
      </div>
    );
  }
  if (chunks.length === 0) return <p className="text-sm text-zinc-500">No chunks yet: they appear once processing is done.</p>;
  const first = chunks[0]!.ordinal + 1;
  const last = chunks[chunks.length - 1]!.ordinal + 1;
  return (
    <div className="space-y-3">
      <ol aria-label="Chunks" aria-busy={loading || undefined} className="space-y-3">
        {chunks.map((chunk) => (
          <li key={chunk.id} className="rounded-lg border border-zinc-200 p-4">
            <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1 text-xs text-zinc-500">
              <span className="font-medium text-zinc-400 tabular-nums">#{chunk.ordinal + 1}</span>
              <span className="min-w-0 flex-1 truncate font-medium text-zinc-800">{chunk.heading || "No heading"}</span>
              {chunk.page !== null && <span>page {chunk.page}</span>}
              <span className="tabular-nums">{chunk.tokenCount.toLocaleString("en-US")} tokens</span>
            </div>
            <p className="mt-2 text-sm whitespace-pre-line text-zinc-700">{chunk.text}</p>
          </li>
        ))}
      </ol>
      <nav aria-label="Chunk pages" className="flex items-center justify-between gap-3">
        <p className="text-sm text-zinc-500 tabular-nums">
          Chunks {first}–{last} of {total.toLocaleString("en-US")}
        </p>
        <div className="flex gap-2">
          <Button variant="secondary" size="sm" icon={<ArrowLeftIcon className="size-4" />} disabled={!hasPrevious || loading} onClick={onPrevious}>
            Previous
          </Button>
          <Button variant="secondary" size="sm" disabled={!hasNext || loading} onClick={onNext}>
            Next
            <ArrowRightIcon className="size-4" />
          </Button>
        </div>
      </nav>
    </div>
  );
}
