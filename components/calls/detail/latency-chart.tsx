"use client";
// Per-turn response latency of the agent as stacked bars: endpointing, speech-to-text, the model's
// first token, text-to-speech's first audio, and the platform's own time (the rest of the wait). What
// a caller waits through, split by where it goes; the bar's height is the whole wait.
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { LatencyRow } from "./transcript-model";

const SERIES = [
  { key: "endpoint", name: "Endpoint", color: "#a1a1aa" },
  { key: "stt", name: "STT", color: "#818cf8" },
  { key: "llm", name: "LLM first token", color: "#4f46e5" },
  { key: "tts", name: "TTS first byte", color: "#10b981" },
  { key: "platform", name: "Platform", color: "#f59e0b" },
] as const;

// Legend and tooltip list the parts in the order they happen (and stack), not recharts' alphabetical default.
const ORDER = new Map<unknown, number>(SERIES.map((s, i) => [s.key, i]));
const inSeriesOrder = (item: { dataKey?: unknown }) => ORDER.get(item.dataKey) ?? SERIES.length;

export function LatencyChart({ rows }: { rows: LatencyRow[] }) {
  if (rows.length === 0) return <p className="text-sm text-zinc-500">No agent turns with latency on this call.</p>;
  const summary = rows.map((r) => `${r.turn}: ${r.endpoint + r.stt + r.llm + r.tts + r.platform} ms (platform ${r.platform} ms)`).join(", ");
  return (
    <figure>
      <div className="h-56" role="img" aria-label={`Response latency per agent turn: ${summary}`}>
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={rows} margin={{ top: 8, right: 8, bottom: 0, left: -8 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#e4e4e7" />
            <XAxis dataKey="turn" tick={{ fontSize: 11 }} stroke="#a1a1aa" />
            <YAxis unit=" ms" tick={{ fontSize: 11 }} stroke="#a1a1aa" width={72} />
            <Tooltip
              formatter={(value) => `${String(value)} ms`}
              labelFormatter={(label, payload) => `${String(label)}: ${payload.reduce((sum, p) => sum + Number(p.value ?? 0), 0)} ms in all`}
              itemSorter={inSeriesOrder}
              contentStyle={{ fontSize: 12, padding: "6px 10px" }}
              itemStyle={{ padding: 0 }}
            />
            <Legend wrapperStyle={{ fontSize: 12 }} itemSorter={inSeriesOrder} />
            {SERIES.map((s) => (
              <Bar key={s.key} dataKey={s.key} name={s.name} stackId="latency" fill={s.color} isAnimationActive={false} />
            ))}
          </BarChart>
        </ResponsiveContainer>
      </div>
      <figcaption className="sr-only">Stacked: endpoint, speech-to-text, LLM first token, TTS first byte, platform.</figcaption>
    </figure>
  );
}
