// Plays the caller's script over a connected stream the way a person would: wait until the agent has
// finished speaking (its audio played, its marks echoed) plus a natural gap, then speak; or, for a
// barge-in step, start N ms after the agent starts talking. Measures each turn on the client's clock:
// end of the caller's speech → first agent frame, and for barge-ins speech onset → `clear`.
import type { ScriptStep } from "./args";
import type { TwilioStreamClient } from "./stream-client";

/** A step with its audio ready (synthesised or read before the call, so nothing stalls mid-call). */
export type PreparedStep = { step: ScriptStep; pcm?: Int16Array };

export interface TurnReport {
  index: number;
  kind: ScriptStep["kind"];
  label: string;
  /** All times in ms from the stream's start. */
  startedAtMs: number;
  /** End of the caller's speech (or the key press). */
  endedAtMs: number;
  /** End of the caller's turn → the first agent frame after it; null if the agent did not answer. */
  replyLatencyMs: number | null;
  /**
   * agentFinishedFirst: no clear came because the agent's audio ended before the caller had spoken
   * long enough to interrupt it (`bargeInMinSpeechMs` after onset): the caller came in too late to
   * barge in, which is not a missed barge-in (a loaded caller machine reacts late).
   */
  bargeIn?: { afterMs: number; onsetAtMs: number; clearAtMs: number | null; onsetToClearMs: number | null; agentFinishedFirst: boolean };
}

export interface ScriptOptions {
  gapMs: number;
  /** How long to wait for the agent to start answering before going on. */
  replyTimeoutMs: number;
  /** After the script: how long to let the agent answer and finish before hanging up. */
  graceMs: number;
  now: () => number;
  /** Stop starting steps at this time (the benchmark runs a long script for a fixed time). */
  deadline?: number;
  /** The agent's minimum speech for a barge-in (its engine's bargeInMinSpeechMs). Default 200, the engine default. */
  bargeInMinSpeechMs?: number;
}

export interface ScriptResult {
  turns: TurnReport[];
  /** The server closed the stream (the agent hung up) before the script ran out. */
  hungUpByAgent: boolean;
  /** Steps not run because the call had ended. */
  skipped: number;
}

const label = (s: ScriptStep) => (s.kind === "say" ? s.text : s.kind === "wav" ? s.file : `DTMF ${s.digit}`);

/** Waits for the agent's answer to start after `since`, then for it to finish and `gapMs` of quiet. */
async function agentDone(client: TwilioStreamClient, since: number, o: ScriptOptions): Promise<void> {
  const p = client.playout;
  await client.until(() => p.runStarts.some((t) => t >= since), capped(o.replyTimeoutMs, o));
  await client.until((now) => !p.isPlaying(now) && p.pendingMarks === 0 && now - p.playedUntil >= o.gapMs, capped(600_000, o));
}

const capped = (ms: number, o: ScriptOptions) => (o.deadline === undefined ? ms : Math.max(0, Math.min(ms, o.deadline - o.now())));
const pastDeadline = (o: ScriptOptions) => o.deadline !== undefined && o.now() >= o.deadline;

function firstAgentFrameAfter(client: TwilioStreamClient, t: number): number | null {
  return client.playout.runStarts.find((s) => s >= t) ?? null;
}

export async function runScript(client: TwilioStreamClient, steps: PreparedStep[], t0: number, o: ScriptOptions): Promise<ScriptResult> {
  const turns: TurnReport[] = [];
  const pending: { report: TurnReport; endAt: number }[] = [];
  const rel = (t: number) => Math.round((t - t0) * 10) / 10;
  // The greeting may have started before t0 (the server speaks first, as soon as the stream opens).
  let lastEnd = -Infinity;
  let run = 0;

  for (const { step, pcm } of steps) {
    if (!client.isOpen || pastDeadline(o)) break;
    const bargeIn = step.kind !== "dtmf" ? step.bargeInAfterMs : undefined;
    if (bargeIn === undefined) {
      await agentDone(client, lastEnd, o);
    } else {
      // Interrupt the agent's next stretch of speech (or the one under way) once it has run N ms.
      await client.until((now) => {
        const since = client.playout.talkingSince(now);
        return since !== null && since >= lastEnd - o.gapMs && now - since >= bargeIn;
      }, capped(o.replyTimeoutMs + bargeIn, o));
    }
    if (!client.isOpen || pastDeadline(o)) break;
    run++;
    if (step.kind === "dtmf") {
      const at = o.now();
      client.dtmf(step.digit);
      const report: TurnReport = { index: turns.length, kind: "dtmf", label: label(step), startedAtMs: rel(at), endedAtMs: rel(at), replyLatencyMs: null };
      turns.push(report);
      pending.push({ report, endAt: at });
      lastEnd = at;
      continue;
    }
    const clearsBefore = client.clears.length;
    const spoken = await client.line.speak(pcm!);
    const end = Number.isNaN(spoken.speechEndAt) ? spoken.endedAt : spoken.speechEndAt;
    const report: TurnReport = { index: turns.length, kind: step.kind, label: label(step), startedAtMs: rel(spoken.startedAt), endedAtMs: rel(end), replyLatencyMs: null };
    if (bargeIn !== undefined) {
      const onset = Number.isNaN(spoken.onsetAt) ? spoken.startedAt : spoken.onsetAt;
      const clearAt = client.clears.slice(clearsBefore).find((c) => c >= onset) ?? null;
      const agentFinishedFirst = clearAt === null && !client.playout.playingAt(onset + (o.bargeInMinSpeechMs ?? 200));
      report.bargeIn = {
        afterMs: bargeIn,
        onsetAtMs: rel(onset),
        clearAtMs: clearAt === null ? null : rel(clearAt),
        onsetToClearMs: clearAt === null ? null : Math.round((clearAt - onset) * 10) / 10,
        agentFinishedFirst,
      };
    }
    turns.push(report);
    pending.push({ report, endAt: end });
    lastEnd = end;
  }

  // The last turn's answer: let the agent reply and finish (or hang up), then the caller hangs up.
  if (client.isOpen && !pastDeadline(o)) await agentDone(client, lastEnd, { ...o, gapMs: o.graceMs });
  for (const { report, endAt } of pending) {
    const first = firstAgentFrameAfter(client, endAt);
    report.replyLatencyMs = first === null ? null : Math.round((first - endAt) * 10) / 10;
  }
  return { turns, hungUpByAgent: !client.isOpen, skipped: steps.length - run };
}
