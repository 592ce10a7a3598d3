// The live event bus: what a call does, as it happens, for whoever watches (the dashboard's live
// calls, later webhooks). Best effort by design: publishing never blocks or throws into the call
// path, and a slow or absent watcher loses events rather than slowing a call. What must not be lost
// is in the database (lib/calls/live/call-persistence.ts); the bus only says "look now".
// Channels: `tenant:<tenantId>:calls` (every call of a tenant) and `call:<callId>` (one call).
import { z } from "zod";
import type { CallEventType } from "../../conversation/types";

/** "call.end_requested": the app asks the voice server holding the call to end it (lib/calls/live/end-request.ts). */
export type LiveEventType = CallEventType | "turn" | "call.end_requested";

export interface LiveEvent {
  type: LiveEventType;
  callId: string;
  tenantId: string;
  /** ISO 8601 wall-clock time. */
  at: string;
  payload?: Record<string, unknown>;
}

export type LiveEventHandler = (event: LiveEvent, channel: string) => void;

export interface EventBusStats {
  published: number;
  /** Events not delivered because a buffer was full or the transport was down. */
  dropped: number;
}

export interface EventBus {
  readonly name: string;
  /** Fire and forget: never throws, never waits; a full buffer drops the event and counts it. */
  publish(channel: string, event: LiveEvent): void;
  /** `handler` runs for each event on `channel` (its throws are logged, not propagated). */
  subscribe(channel: string, handler: LiveEventHandler): () => void;
  stats(): EventBusStats;
  close(): Promise<void>;
}

const id = /^[A-Za-z0-9_-]{1,64}$/;
const CHANNEL = /^(tenant:[A-Za-z0-9_-]{1,64}:calls|call:[A-Za-z0-9_-]{1,64})$/;

export const tenantCallsChannel = (tenantId: string) => `tenant:${tenantId}:calls`;
export const callChannel = (callId: string) => `call:${callId}`;
export const isChannel = (channel: unknown): channel is string => typeof channel === "string" && CHANNEL.test(channel);

/** A call's event goes to its tenant's channel and its own. */
export function publishCallEvent(bus: EventBus, event: LiveEvent): void {
  bus.publish(tenantCallsChannel(event.tenantId), event);
  bus.publish(callChannel(event.callId), event);
}

/** Events arriving from another process (Redis, the internal socket) are checked before handlers see them. */
export const liveEventSchema = z.object({
  type: z.string().regex(/^[a-z_.]{1,64}$/) as unknown as z.ZodType<LiveEventType>,
  callId: z.string().regex(id),
  tenantId: z.string().regex(id),
  at: z.iso.datetime({ offset: true }),
  payload: z.record(z.string(), z.unknown()).optional(),
});

/** Larger messages are refused unread (a live event is a few hundred bytes). */
export const MAX_EVENT_BYTES = 64 * 1024;

export function parseLiveEvent(value: unknown): LiveEvent | null {
  const parsed = liveEventSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}
