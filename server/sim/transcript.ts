// The call as the platform heard it: after an audio call, the simulator reads the Call's turns (with
// the voice server's own latency breakdown) from the same database the platform uses, so a developer
// sees what the recogniser understood and where each reply's time went, next to the client's timings.
import { createDb } from "../../lib/db/client";
import { withDatabase } from "../../lib/db/with-database";
import { platformMsOf } from "../../lib/conversation/latency";

export interface TranscriptLine {
  role: "CALLER" | "AGENT" | "TOOL" | "SYSTEM";
  text: string;
  heardText: string | null;
  interrupted: boolean;
  understood: boolean | null;
  toolName: string | null;
  latency: { endpointMs: number | null; sttMs: number | null; llmMs: number | null; ttsMs: number | null; totalMs: number | null } | null;
}

export interface PlatformTranscript {
  status: string;
  endedReason: string | null;
  hasRecording: boolean;
  turns: TranscriptLine[];
}

/** Waits (bounded) for the voice server to have written the end of the call, then reads it. */
export async function readPlatformTranscript(callId: string, opts: { waitMs?: number } = {}): Promise<PlatformTranscript | null> {
  return withDatabase(async (url) => {
    const db = createDb(url, { max: 1 });
    try {
      const until = Date.now() + (opts.waitMs ?? 5000);
      let call = await db.call.findUnique({ where: { id: callId }, select: { status: true, endedReason: true, recordingKey: true } });
      while (call && (call.endedReason === null || call.recordingKey === null) && Date.now() < until) {
        await new Promise((r) => setTimeout(r, 200));
        call = await db.call.findUnique({ where: { id: callId }, select: { status: true, endedReason: true, recordingKey: true } });
      }
      if (!call) return null;
      const turns = await db.callTurn.findMany({ where: { callId }, orderBy: { index: "asc" } });
      return {
        status: call.status,
        endedReason: call.endedReason,
        hasRecording: call.recordingKey !== null,
        turns: turns.map((t) => ({
          role: t.role,
          text: t.text,
          heardText: t.heardText,
          interrupted: t.interrupted,
          understood: t.understood,
          toolName: t.toolName,
          latency:
            t.totalLatencyMs === null
              ? null
              : { endpointMs: t.endpointLatencyMs, sttMs: t.sttLatencyMs, llmMs: t.llmLatencyMs, ttsMs: t.ttsLatencyMs, totalMs: t.totalLatencyMs },
        })),
      };
    } finally {
      await db.$disconnect();
    }
  });
}

export function formatTranscript(t: PlatformTranscript): string {
  const lines = [`  transcript (as the platform heard it; ${t.status.toLowerCase()}${t.endedReason ? `, ${t.endedReason}` : ""}):`];
  for (const turn of t.turns) {
    if (turn.role === "TOOL") {
      lines.push(`    tool   ${turn.toolName ?? ""}`);
      continue;
    }
    const who = turn.role === "CALLER" ? "caller" : "agent ";
    const text = turn.role === "CALLER" && turn.understood === false ? "(not understood)" : turn.interrupted ? `${turn.heardText ?? ""} — [interrupted]` : turn.text;
    lines.push(`    ${who} ${text}`);
    const l = turn.latency;
    if (l) {
      const parts = { endpointMs: l.endpointMs ?? 0, sttMs: l.sttMs ?? 0, llmMs: l.llmMs ?? 0, ttsMs: l.ttsMs ?? 0, totalMs: l.totalMs ?? 0 };
      lines.push(`           ${l.totalMs} ms to first audio = endpoint ${l.endpointMs} + stt ${l.sttMs} + responder ${l.llmMs} + tts ${l.ttsMs} + platform ${platformMsOf(parts)}`);
    }
  }
  return lines.join("\n");
}
