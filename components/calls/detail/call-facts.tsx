// The call at a glance (who, which agent, when, how long, how it ended, where a transfer went and how
// that leg ended) and what it cost, with the usage behind the cost.
import type { ReactNode } from "react";
import { Badge } from "@/components/ui/badge";
import { TimeText } from "@/components/ui/time-text";
import { DIRECTION, ENDED_REASON, formatCents, formatDuration, formatMicros, OUTCOME, STATUS } from "../call-format";
import type { CallDetail } from "../types";

const USAGE_LABEL: Record<CallDetail["usage"][number]["kind"], string> = {
  CALL_SECONDS: "Call seconds",
  STT_SECONDS: "Speech-to-text seconds",
  TTS_CHARACTERS: "Text-to-speech characters",
  LLM_INPUT_TOKENS: "LLM input tokens",
  LLM_OUTPUT_TOKENS: "LLM output tokens",
  EMBEDDING_TOKENS: "Embedding tokens",
  PHONE_NUMBER_DAYS: "Phone number days",
  TRANSFER_SECONDS: "Transfer seconds",
};

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <dt className="text-xs font-medium text-zinc-500">{label}</dt>
      <dd className="mt-0.5 text-sm text-zinc-900">{children}</dd>
    </div>
  );
}

// The capabilities lib/billing/call-cost.ts costs; other keys are shown by their own name.
const BREAKDOWN_LABEL: Record<string, string> = { llm: "LLM", stt: "Speech-to-text", tts: "Text-to-speech", telephony: "Telephony", embeddings: "Embeddings" };

/** costBreakdown is free-form JSON: show its numeric parts, cents as money. */
function breakdownEntries(value: unknown): [string, string][] {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return [];
  return Object.entries(value as Record<string, unknown>)
    .filter((e): e is [string, number] => typeof e[1] === "number")
    .map(([k, v]) => {
      const name = k.replace(/Cents$/, "");
      const label = Object.hasOwn(BREAKDOWN_LABEL, name) ? BREAKDOWN_LABEL[name]! : name.replace(/([a-z])([A-Z])/g, "$1 $2").replace(/^./, (c) => c.toUpperCase());
      return [label, /Cents$/.test(k) ? formatCents(v) : String(v)];
    });
}

export function CallFacts({ call, transferTo, transferResult }: { call: CallDetail; transferTo: string | null; transferResult: string | null }) {
  const breakdown = breakdownEntries(call.costBreakdown);
  return (
    <div className="grid gap-4 lg:grid-cols-3">
      <dl className="grid grid-cols-2 gap-4 rounded-xl border border-zinc-200 bg-white p-4 shadow-xs sm:grid-cols-3 lg:col-span-2">
        <Fact label="Caller">{call.fromNumber}</Fact>
        <Fact label="Agent">{call.agent?.name ?? "—"}</Fact>
        <Fact label="Started">
          <TimeText iso={call.startedAt} format="datetime" />
        </Fact>
        <Fact label="Duration">{formatDuration(call.durationSec)}</Fact>
        <Fact label="Status">
          <Badge tone={STATUS[call.status].tone} dot>{STATUS[call.status].label}</Badge>
        </Fact>
        <Fact label="Outcome">{call.outcome ? OUTCOME[call.outcome] : "—"}</Fact>
        <Fact label="Ended">{call.endedReason ? ENDED_REASON[call.endedReason] : "—"}</Fact>
        <Fact label="Direction">{DIRECTION[call.direction]}</Fact>
        {transferTo && <Fact label="Transferred to">{transferTo}</Fact>}
        {transferResult && <Fact label="Transfer">{transferResult}</Fact>}
      </dl>
      <section aria-label="Cost" className="rounded-xl border border-zinc-200 bg-white p-4 shadow-xs">
        <p className="text-xs font-medium text-zinc-500">Cost</p>
        <p className="mt-0.5 text-2xl font-semibold text-zinc-900 tabular-nums">{formatCents(call.costCents)}</p>
        {breakdown.length > 0 && (
          <dl className="mt-3 space-y-1 text-sm">
            {breakdown.map(([k, v]) => (
              <div key={k} className="flex justify-between gap-3">
                <dt className="text-zinc-600">{k}</dt>
                <dd className="text-zinc-900 tabular-nums">{v}</dd>
              </div>
            ))}
          </dl>
        )}
        {call.usage.length > 0 && (
          <table className="mt-3 w-full text-xs">
            <caption className="sr-only">Usage</caption>
            <tbody className="divide-y divide-zinc-100">
              {call.usage.map((u) => (
                <tr key={u.id}>
                  <th scope="row" className="py-1 text-left font-normal text-zinc-600">
                    {USAGE_LABEL[u.kind]}
                    {u.model && <span className="text-zinc-400"> · {u.model}</span>}
                  </th>
                  <td className="py-1 text-right text-zinc-900 tabular-nums">{Math.round(u.quantity * 100) / 100}</td>
                  <td className="py-1 pl-2 text-right text-zinc-500 tabular-nums">{formatMicros(u.costMicros)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}
