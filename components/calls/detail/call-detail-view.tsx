"use client";
// One call, complete: facts and cost, the recording with its waveform, the transcript following the
// playback position, messages taken, and the agent's latency per turn.
import Link from "next/link";
import { useCallback, useId, useRef, useState, type ReactNode } from "react";
import { Badge } from "@/components/ui/badge";
import { URGENCY, telHref } from "@/components/messages/message-format";
import { clipOf } from "@/components/messages/message-audio";
import { PlayIcon } from "@/components/ui/icons";
import { formatClock } from "../call-format";
import { useCallDetail } from "../queries";
import type { CallDetail } from "../types";
import { CallFacts } from "./call-facts";
import { LatencyChart } from "./latency-chart";
import { RecordingPlayer } from "./recording-player";
import { Transcript } from "./transcript";
import { providerFaultLine } from "../provider-fault";
import { activeTurnIndex, latencyRows, providerFaults, transferResultLine, transferTarget } from "./transcript-model";

function Section({ title, children }: { title: string; children: ReactNode }) {
  const id = useId();
  return (
    <section aria-labelledby={id} className="rounded-xl border border-zinc-200 bg-white p-4 shadow-xs">
      <h2 id={id} className="mb-3 text-sm font-semibold text-zinc-900">{title}</h2>
      {children}
    </section>
  );
}

export function CallDetailView({ initial }: { initial: CallDetail }) {
  const { data: call } = useCallDetail(initial);
  const audioRef = useRef<HTMLAudioElement>(null);
  const [active, setActive] = useState(-1);
  const [playing, setPlaying] = useState(false);
  const turns = call.turns;
  const faults = providerFaults(call.events);

  // Called every frame while playing: setState bails out unless the active turn changed.
  const onPosition = useCallback(
    (ms: number) => {
      setActive(activeTurnIndex(turns, ms));
      setPlaying(Boolean(audioRef.current && !audioRef.current.paused));
    },
    [turns],
  );

  const seek = useCallback((ms: number) => {
    const audio = audioRef.current;
    if (!audio) return;
    audio.currentTime = ms / 1000;
    audio.play().catch(() => {
      // Playback refused (autoplay policy, no audio device): the position still moved.
    });
  }, []);

  return (
    <div className="space-y-4">
      <CallFacts call={call} transferTo={transferTarget(call.events, turns)} transferResult={transferResultLine(call.events)} />
      {call.summary && (
        <Section title="Summary">
          <p className="text-sm text-zinc-700">{call.summary}</p>
        </Section>
      )}
      {call.hasRecording && <RecordingPlayer callId={call.id} durationSec={call.recordingDurationSec ?? call.durationSec ?? 0} audioRef={audioRef} onPosition={onPosition} />}
      <div className="grid gap-4 lg:grid-cols-5">
        <div className="lg:col-span-3">
          <Section title="Transcript">
            <div className="max-h-[36rem] overflow-y-auto pr-1">
              <Transcript turns={turns} active={active} onSeek={call.hasRecording ? seek : undefined} follow={playing} />
            </div>
          </Section>
        </div>
        <div className="space-y-4 lg:col-span-2">
          <Section title="Messages taken">
            {call.messages.length === 0 ? (
              <p className="text-sm text-zinc-500">No message was taken on this call.</p>
            ) : (
              <ul className="space-y-3">
                {call.messages.map((m) => (
                  <li key={m.id} className="text-sm">
                    <p className="flex flex-wrap items-center gap-2 font-medium text-zinc-900">
                      {m.callerName ?? "Caller"}
                      {m.urgency !== "NORMAL" && <Badge tone={URGENCY[m.urgency].tone}>{URGENCY[m.urgency].label}</Badge>}
                    </p>
                    {m.callerPhone && <a className="text-accent-700 hover:underline" href={telHref(m.callerPhone)}>{m.callerPhone}</a>}
                    <p className="mt-1 text-zinc-700">{m.body}</p>
                    {m.audio && call.hasRecording && (
                      <button
                        type="button"
                        onClick={() => m.audio && seek(clipOf(m.audio).fromMs)}
                        className="focus-ring mt-1 inline-flex items-center gap-1 rounded text-accent-700 hover:underline"
                        aria-label={`Play the message from ${formatClock(m.audio.startMs)} in the recording`}
                      >
                        <PlayIcon className="size-3.5" /> Play the message ({formatClock(m.audio.startMs)})
                      </button>
                    )}
                  </li>
                ))}
                <li>
                  <Link href="/messages" className="focus-ring rounded text-sm text-accent-700 hover:underline">Open the inbox</Link>
                </li>
              </ul>
            )}
          </Section>
          <Section title="Response latency">
            <LatencyChart rows={latencyRows(turns, (t) => formatClock(t.startMs))} />
          </Section>
          {faults.length > 0 && (
            <Section title="Provider faults">
              <ul className="space-y-2 text-sm text-zinc-700">
                {faults.map((e) => (
                  <li key={e.id}>
                    <span className="mr-2 font-mono text-xs text-zinc-500 tabular-nums">{formatClock(new Date(e.at).getTime() - new Date(call.startedAt).getTime())}</span>
                    {providerFaultLine(e.payload)}
                  </li>
                ))}
              </ul>
            </Section>
          )}
        </div>
      </div>
    </div>
  );
}
