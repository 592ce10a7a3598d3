// The public JSON shapes of a call (list row and detail). Dates are ISO strings; the tenant and
// internal fields (the storage key of the recording, billing bookkeeping, free-form metadata) stay
// inside: the recording is announced by `hasRecording` and served by its own route later.
import { platformMsOf } from "../conversation/latency";
import type { Call, CallEvent, CallTurn, Message, UsageRecord } from "../db/generated/client";
import { toMessageFieldsJson } from "../messages/serialize";

export type CallWithAgent = Call & { agent: { id: string; name: string } | null };
export type CallDetail = CallWithAgent & { turns: CallTurn[]; events: CallEvent[]; messages: Message[]; usage: UsageRecord[] };

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function toCallJson(c: CallWithAgent) {
  return {
    id: c.id,
    agentId: c.agentId,
    agent: c.agent ? { id: c.agent.id, name: c.agent.name } : null,
    phoneNumberId: c.phoneNumberId,
    provider: c.provider,
    providerCallId: c.providerCallId,
    fromNumber: c.fromNumber,
    toNumber: c.toNumber,
    direction: c.direction,
    status: c.status,
    startedAt: c.startedAt.toISOString(),
    answeredAt: iso(c.answeredAt),
    endedAt: iso(c.endedAt),
    durationSec: c.durationSec,
    endedReason: c.endedReason,
    hasRecording: c.recordingKey !== null,
    recordingDurationSec: c.recordingDurationSec,
    summary: c.summary,
    sentiment: c.sentiment,
    outcome: c.outcome,
    qualityScore: c.qualityScore,
    costCents: c.costCents,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  };
}

export function toCallTurnJson(t: CallTurn) {
  return {
    id: t.id,
    index: t.index,
    role: t.role,
    text: t.text,
    heardText: t.heardText,
    interrupted: t.interrupted,
    startMs: t.startMs,
    endMs: t.endMs,
    toolName: t.toolName,
    toolArgs: t.toolArgs,
    toolResult: t.toolResult,
    endpointLatencyMs: t.endpointLatencyMs,
    sttLatencyMs: t.sttLatencyMs,
    llmLatencyMs: t.llmLatencyMs,
    ttsLatencyMs: t.ttsLatencyMs,
    totalLatencyMs: t.totalLatencyMs,
    platformLatencyMs: platformLatencyMsOf(t),
  };
}

/**
 * Our own share of a turn's wait: the total minus the endpoint wait and the providers, derived from
 * the stored columns as the engine derived it (no column of its own). Null without a total (a turn
 * that never reached the caller, or a row written before totals were stored).
 */
function platformLatencyMsOf(t: CallTurn): number | null {
  if (t.totalLatencyMs === null) return null;
  return platformMsOf({
    endpointMs: t.endpointLatencyMs ?? 0,
    sttMs: t.sttLatencyMs ?? 0,
    llmMs: t.llmLatencyMs ?? 0,
    ttsMs: t.ttsLatencyMs ?? 0,
    totalMs: t.totalLatencyMs,
  });
}

export function toCallEventJson(e: CallEvent) {
  return { id: e.id, type: e.type, at: e.at.toISOString(), payload: e.payload };
}

export function toUsageJson(u: UsageRecord) {
  return { id: u.id, kind: u.kind, model: u.model, quantity: u.quantity, costMicros: u.costMicros, occurredAt: u.occurredAt.toISOString() };
}

export function toCallDetailJson(c: CallDetail) {
  return {
    ...toCallJson(c),
    qualityNotes: c.qualityNotes,
    costBreakdown: c.costBreakdown,
    turns: c.turns.map(toCallTurnJson),
    events: c.events.map(toCallEventJson),
    messages: c.messages.map(toMessageFieldsJson),
    usage: c.usage.map(toUsageJson),
  };
}
