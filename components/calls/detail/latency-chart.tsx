"use client";
// Per-turn response latency of the agent as stacked bars: endpointing, speech-to-text, the model's
// first token, text-to-speech's first audio. What a caller waits through, split by where it goes.
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { LatencyRow } from "./transcript-model";

const SERIES = [
  { key: "endpoint", name: "Endpoint", color: "#a1a1aa" },
  { key: "stt", name: "STT", color: "#818cf8" },
  { key: "llm", name: "LLM first token", color: "#4f46e5" },
  { key: "tts", name: "TTS first byte", color: "#10b981" },
] as const;

export function LatencyChart({ rows }: { rows: LatencyRow[] }) {
  if (rows.length === 0) return <p className="text-sm text-zinc-500">No agent turns with latency on this call.</p>;
  const summary = rows.map((r) => `${r.turn}: ${r.endpoint + r.stt + r.llm + r.tts} ms`).join(", ");
  return (
    <figure>
      <div className="h-56" role="img" aria-label={`Response latency per agent turn: ${summary}`}>
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={rows} margin={{ top: 8, right: 8, bottom: 0, left: -8 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#e4e4e7" />
            <XAxis dataKey="turn" tick={{ fontSize: 11 }} stroke="#a1a1aa" />
            <YAxis unit=" ms" tick={{ fontSize: 11 }} stroke="#a1a1aa" width={64} />
            <Tooltip formatter={(value) => `${String(value)} ms`} />
            <Legend wrapperStyle={{ fontSize: 12 }} />
            {SERIES.map((s) => (
              <Bar key={s.key} dataKey={s.key} name={s.name} stackId="latency" fill={s.color} isAnimationActive={false} />
            ))}
          </BarChart>
        </ResponsiveContainer>
      </div>
      <figcaption className="sr-only">Stacked: endpoint, speech-to-text, LLM first token, TTS first byte.</figcaption>
    </figure>
  );
}
