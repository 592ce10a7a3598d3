// What `npm run call` prints: a human summary (what happened on the line, turn by turn, with the
// timings the client measured) or, with --json, the whole result for machines.
import { fmtMs } from "./stats";
import type { CallResult } from "./run-call";

const ms = (v: number | null) => (v === null ? "no reply" : `${fmtMs(v)} ms`);

export function formatCallResult(r: CallResult): string {
  const lines: string[] = [];
  lines.push(`call ${r.callSid}${r.callId ? ` (Call ${r.callId})` : ""}: ${r.outcome.replace(/_/g, " ")}, ${r.durationSec.toFixed(1)} s`);
  for (const s of r.said) lines.push(`  Twilio <Say>: ${s}`);
  if (r.dialed) lines.push(`  transferred (<Dial>) to ${r.dialed}`);
  if (r.streamUrl) lines.push(`  stream: ${r.streamUrl}`);
  for (const t of r.turns) {
    const who = t.kind === "dtmf" ? "caller pressed" : "caller said";
    lines.push(`  [${(t.startedAtMs / 1000).toFixed(2)} s] ${who} "${t.label}"`);
    lines.push(`      turn end → first agent frame: ${ms(t.replyLatencyMs)}`);
    if (t.bargeIn) {
      const b = t.bargeIn;
      lines.push(`      barge-in ${b.afterMs} ms into the agent's speech; onset → clear: ${b.onsetToClearMs === null ? (b.agentFinishedFirst ? "no clear (the agent had finished before the caller spoke long enough to interrupt)" : "no clear received") : `${fmtMs(b.onsetToClearMs)} ms`}`);
    }
  }
  if (r.skippedSteps > 0) lines.push(`  ${r.skippedSteps} step(s) not played: the call had ended`);
  const a = r.agent;
  if (r.streamUrl) {
    lines.push(
      `  agent audio: ${a.framesReceived} frames (${((a.framesReceived * 20) / 1000).toFixed(1)} s), ${a.framesLate} late, ${a.badFrames} malformed; ` +
        `${a.marksEchoed} marks echoed, ${a.clears} clear(s); arrival jitter p50 ${fmtMs(a.jitterP50Ms)} ms, p99 ${fmtMs(a.jitterP99Ms)} ms`,
    );
    lines.push(`  caller audio: ${r.callerFramesSent} frames sent`);
  }
  if (r.closed) lines.push(`  stream closed: ${r.closed.code}${r.closed.reason ? ` (${r.closed.reason})` : ""}`);
  for (const e of r.protocolErrors) lines.push(`  protocol error from the server: ${e}`);
  for (const w of r.warnings) lines.push(`  warning: ${w}`);
  if (r.recording) lines.push(`  recording (caller left, agent right): ${r.recording}`);
  return lines.join("\n");
}
