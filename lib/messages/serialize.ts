// The public JSON shape of a message taken by an agent: with the call it came from (id, caller number,
// start) and the agent's name, so the inbox renders a row without a second request.
import type { Message } from "../db/generated/client";

export type MessageWithLinks = Message & {
  agent: { id: string; name: string } | null;
  call: { id: string; fromNumber: string; startedAt: Date } | null;
  handledBy: { id: string; name: string } | null;
};

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** The message's own fields (a call's detail lists its messages with these: the call is the one around them). */
export function toMessageFieldsJson(m: Message) {
  return {
    id: m.id,
    agentId: m.agentId,
    callerName: m.callerName,
    callerPhone: m.callerPhone,
    body: m.body,
    audio: m.audioStartMs !== null && m.audioEndMs !== null ? { startMs: m.audioStartMs, endMs: m.audioEndMs } : null,
    urgency: m.urgency,
    status: m.status,
    readAt: iso(m.readAt),
    handledAt: iso(m.handledAt),
    createdAt: m.createdAt.toISOString(),
    updatedAt: m.updatedAt.toISOString(),
  };
}

export function toMessageJson(m: MessageWithLinks) {
  return {
    ...toMessageFieldsJson(m),
    callId: m.callId,
    call: m.call ? { id: m.call.id, fromNumber: m.call.fromNumber, startedAt: m.call.startedAt.toISOString() } : null,
    agent: m.agent ? { id: m.agent.id, name: m.agent.name } : null,
    handledBy: m.handledBy ? { id: m.handledBy.id, name: m.handledBy.name } : null,
  };
}

export type MessageJson = ReturnType<typeof toMessageJson>;
