"use client";
// The calls as a table; Time, Duration and Cost headers sort the list (the order lives in the URL).
import Link from "next/link";
import type { ReactNode } from "react";
import { Badge } from "@/components/ui/badge";
import { Table, Th } from "@/components/ui/table";
import { TimeText } from "@/components/ui/time-text";
import { formatCents, formatDuration, OUTCOME, STATUS } from "./call-format";
import type { CallFilters, CallSortKey } from "./list-filters";
import type { Call } from "./types";

type Props = { calls: Call[]; filters: CallFilters; onSort: (sort: CallSortKey) => void };

function SortHeader({ label, sort, filters, onSort, hideBelow, align }: { label: string; sort: CallSortKey; filters: CallFilters; onSort: Props["onSort"]; hideBelow?: "sm" | "md" | "lg"; align?: "right" }) {
  const active = filters.sort === sort;
  const arrow = active ? (filters.order === "desc" ? "↓" : "↑") : "";
  return (
    <Th hideBelow={hideBelow} align={align} sort={active ? (filters.order === "desc" ? "descending" : "ascending") : undefined}>
      <button type="button" onClick={() => onSort(sort)} className="focus-ring inline-flex items-center gap-1 rounded uppercase hover:text-zinc-800">
        {label}
        <span aria-hidden="true" className="w-2">
          {arrow}
        </span>
      </button>
    </Th>
  );
}

const Cell = ({ children, className = "" }: { children: ReactNode; className?: string }) => <td className={`px-4 py-3 whitespace-nowrap ${className}`}>{children}</td>;

export function CallsTable({ calls, filters, onSort }: Props) {
  return (
    <Table
      caption="Calls"
      head={
        <>
          <SortHeader label="Time" sort="started_at" filters={filters} onSort={onSort} />
          <Th>Caller</Th>
          <Th hideBelow="md">Agent</Th>
          <SortHeader label="Duration" sort="duration" filters={filters} onSort={onSort} hideBelow="sm" />
          <Th>Status</Th>
          <Th hideBelow="lg">Outcome</Th>
          <SortHeader label="Cost" sort="cost" filters={filters} onSort={onSort} hideBelow="sm" align="right" />
        </>
      }
    >
      {calls.map((c) => (
        <tr key={c.id} className="relative hover:bg-zinc-50">
          <td className="px-3 py-3 whitespace-nowrap sm:px-5">
            {/* The link's box covers the row, so the whole row opens the call. */}
            <Link href={`/calls/${c.id}`} className="focus-ring rounded font-medium text-zinc-900 after:absolute after:inset-0 hover:text-accent-700">
              <TimeText iso={c.startedAt} format="datetime" />
              <span className="sr-only">: call from {c.fromNumber}</span>
            </Link>
          </td>
          <Cell className="text-zinc-700 tabular-nums">{c.fromNumber}</Cell>
          <Cell className="hidden max-w-40 truncate text-zinc-600 md:table-cell">{c.agent?.name ?? "—"}</Cell>
          <Cell className="hidden text-zinc-600 tabular-nums sm:table-cell">{formatDuration(c.durationSec)}</Cell>
          <Cell>
            <Badge tone={STATUS[c.status].tone} dot>
              {STATUS[c.status].label}
            </Badge>
          </Cell>
          <Cell className="hidden text-zinc-600 lg:table-cell">{c.outcome ? OUTCOME[c.outcome] : "—"}</Cell>
          <Cell className="hidden text-right text-zinc-600 tabular-nums sm:table-cell">{formatCents(c.costCents)}</Cell>
        </tr>
      ))}
    </Table>
  );
}
